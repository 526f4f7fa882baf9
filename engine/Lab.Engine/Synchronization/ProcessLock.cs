using Lab.Engine.Sharing;

namespace Lab.Engine.Synchronization;

/// <summary>
/// A non-recursive lock shared by processes: multiprocessing.Lock, which is a SemLock of kind SEMAPHORE with value
/// 1 and maxvalue 1 (Lib/multiprocessing/synchronize.py). Any thread of any process may release it (no owner
/// check, as in CPython); releasing it while unlocked raises "semaphore or lock released too many times". A lock
/// held by a process that is killed stays held forever (POSIX semaphores have no robust mode, and neither does
/// this futex word): other processes wait until their timeout. Hand it to a child as a target argument.
/// </summary>
/// <remarks>Shared words: [0] the mutex (<see cref="FutexMutex"/>), [1] pid and [2] managed thread id of the last
/// acquirer (cleared by Release), which only <see cref="ProcessCondition"/>'s ownership check and diagnostics
/// read.</remarks>
[InheritedKind("lock")]
public sealed unsafe class ProcessLock : IDisposable, IInheritable, IConditionLock
{
    private const int MutexOffset = 0, OwnerPidOffset = 4, OwnerTidOffset = 8, Size = 12;

    private readonly SharedWords _words;

    public ProcessLock() : this(SharedWords.Create(Size, nameof(ProcessLock))) { }

    private ProcessLock(SharedWords words) => _words = words;

    /// <summary>SemLock.acquire(block, timeout): with <paramref name="block"/> false the timeout is ignored;
    /// null waits forever; a negative timeout counts as zero. Returns whether the lock was acquired.</summary>
    public bool Acquire(bool block = true, TimeSpan? timeout = null)
    {
        using var use = _words.Enter();
        var mutex = use.Word(MutexOffset);
        var acquired = block ? FutexMutex.Lock(mutex, Deadline.From(timeout)) : FutexMutex.TryLock(mutex);
        if (acquired) ThreadIdentity.Record(use.Word(OwnerPidOffset), use.Word(OwnerTidOffset));
        return acquired;
    }

    /// <summary>Unlocks, whoever acquired it. <exception cref="SynchronizationError">if it is not locked.</exception></summary>
    public void Release()
    {
        using var use = _words.Enter();
        var mutex = use.Word(MutexOffset);
        if (!FutexMutex.IsLocked(mutex)) throw TooManyReleases();
        ThreadIdentity.Clear(use.Word(OwnerPidOffset), use.Word(OwnerTidOffset));
        // Another releaser may have won between the check and here: the unlock itself is the authority.
        if (!FutexMutex.Unlock(mutex)) throw TooManyReleases();
    }

    /// <summary>Acquires for a `using` block. <exception cref="TimeoutException">if not acquired in time.</exception></summary>
    public IDisposable Hold(TimeSpan? timeout = null) => Releaser.Hold(Acquire, Release, timeout, "lock");

    /// <summary>Whether some thread of some process holds it now (a diagnostic: it may change at once).</summary>
    public bool IsLocked
    {
        get
        {
            using var use = _words.Enter();
            return FutexMutex.IsLocked(use.Word(MutexOffset));
        }
    }

    /// <summary>Unmaps this process's view once no operation of this process uses it; other processes keep theirs.</summary>
    public void Dispose() => _words.Dispose();

    public override string ToString()
    {
        try { return $"<ProcessLock({(IsLocked ? "locked" : "unlocked")})>"; }
        catch (ObjectDisposedException) { return "<ProcessLock(disposed)>"; }
    }

    internal static SynchronizationError TooManyReleases() => new("semaphore or lock released too many times");

    bool IConditionLock.IsOwnedByCurrentThread
    {
        get
        {
            using var use = _words.Enter();
            return FutexMutex.IsLocked(use.Word(MutexOffset)) && ThreadIdentity.IsCurrent(use.Word(OwnerPidOffset), use.Word(OwnerTidOffset));
        }
    }

    int IConditionLock.ReleaseFully()
    {
        Release();
        return 1;
    }

    void IConditionLock.Reacquire(int levels) => Acquire();

    string IInheritable.InheritedKind => "lock";

    object? IInheritable.ExportState(InheritanceWriter writer)
    {
        using var use = _words.Enter();
        return writer.Add(_words.Descriptor);
    }

    internal static object FromInherited(object? state, InheritanceReader reader) =>
        InheritedObjects.GetOrCreateWords(reader, (int)state!, words => new ProcessLock(words));
}
