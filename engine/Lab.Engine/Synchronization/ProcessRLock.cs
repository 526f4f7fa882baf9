using Lab.Engine.Scheduling;
using Lab.Engine.Sharing;

namespace Lab.Engine.Synchronization;

/// <summary>
/// A recursive lock shared by processes: multiprocessing.RLock, a SemLock of kind RECURSIVE_MUTEX. The thread
/// that holds it may acquire it again, and must release it as many times; only that thread (of that process) may
/// release it. Unlike CPython, which keeps the owner and the count in each process's own SemLock object, both
/// live in shared memory here, so any process can see who holds it. A holder that is killed leaves it held.
/// </summary>
/// <remarks>Shared words: [0] the mutex (<see cref="FutexMutex"/>), [1] owner pid, [2] owner managed thread id,
/// [3] recursion count. Only the owner writes [1..3] while it holds [0]; a thread that reads its own identity
/// there therefore holds the lock.</remarks>
[InheritedKind("rlock")]
public sealed unsafe class ProcessRLock : IDisposable, IInheritable, IConditionLock
{
    private const int MutexOffset = 0, OwnerPidOffset = 4, OwnerTidOffset = 8, CountOffset = 12, Size = 16;

    private readonly SharedWords _words;

    public ProcessRLock() : this(SharedWords.Create(Size, nameof(ProcessRLock))) { }

    private ProcessRLock(SharedWords words) => _words = words;

    /// <summary>As <see cref="ProcessLock.Acquire"/>; the owner re-acquires at once and adds a level.</summary>
    public bool Acquire(bool block = true, TimeSpan? timeout = null)
    {
        using var use = _words.Enter();
        var count = use.Word(CountOffset);
        if (IsMine(use))
        {
            EngineScheduling.Point(EnginePoint.Write);
            Volatile.Write(ref *count, *count + 1);
            return true;
        }
        var mutex = use.Word(MutexOffset);
        if (!(block ? FutexMutex.Lock(mutex, Deadline.From(timeout)) : FutexMutex.TryLock(mutex))) return false;
        ThreadIdentity.Record(use.Word(OwnerPidOffset), use.Word(OwnerTidOffset));
        EngineScheduling.Point(EnginePoint.Write);
        Volatile.Write(ref *count, 1);
        return true;
    }

    /// <summary>Drops one level; the last one unlocks. <exception cref="SynchronizationError">if the current
    /// thread does not hold it (threading.RLock's RuntimeError message; multiprocessing raises AssertionError
    /// "attempt to release recursive lock not owned by thread").</exception></summary>
    public void Release()
    {
        using var use = _words.Enter();
        if (!IsMine(use)) throw NotOwned();
        var count = use.Word(CountOffset);
        EngineScheduling.Point(EnginePoint.Write);
        if (*count > 1) Volatile.Write(ref *count, *count - 1);
        else Unlock(use);
    }

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

    /// <summary>Whether the calling thread holds it (CPython's SemLock._is_mine()).</summary>
    public bool IsOwnedByCurrentThread
    {
        get
        {
            using var use = _words.Enter();
            return IsMine(use);
        }
    }

    /// <summary>Unmaps this process's view once no operation of this process uses it; other processes keep theirs.</summary>
    public void Dispose() => _words.Dispose();

    public override string ToString()
    {
        try { return $"<ProcessRLock({(IsOwnedByCurrentThread ? "owned by this thread" : IsLocked ? "owned by another thread" : "unlocked")})>"; }
        catch (ObjectDisposedException) { return "<ProcessRLock(disposed)>"; }
    }

    private static bool IsMine(SharedWords.Use use) => ThreadIdentity.IsCurrent(use.Word(OwnerPidOffset), use.Word(OwnerTidOffset));

    private static void Unlock(SharedWords.Use use)
    {
        EngineScheduling.Point(EnginePoint.Write);
        Volatile.Write(ref *use.Word(CountOffset), 0);
        ThreadIdentity.Clear(use.Word(OwnerPidOffset), use.Word(OwnerTidOffset));
        FutexMutex.Unlock(use.Word(MutexOffset));
    }

    private static SynchronizationError NotOwned() => new("cannot release un-acquired lock");

    bool IConditionLock.IsOwnedByCurrentThread => IsOwnedByCurrentThread;

    int IConditionLock.ReleaseFully()
    {
        using var use = _words.Enter();
        if (!IsMine(use)) throw NotOwned();
        var levels = *use.Word(CountOffset);
        Unlock(use);
        return levels;
    }

    void IConditionLock.Reacquire(int levels)
    {
        using var use = _words.Enter();
        FutexMutex.Lock(use.Word(MutexOffset), Deadline.Infinite);
        ThreadIdentity.Record(use.Word(OwnerPidOffset), use.Word(OwnerTidOffset));
        EngineScheduling.Point(EnginePoint.Write);
        Volatile.Write(ref *use.Word(CountOffset), levels);
    }

    string IInheritable.InheritedKind => "rlock";

    object? IInheritable.ExportState(InheritanceWriter writer)
    {
        using var use = _words.Enter();
        return writer.Add(_words.Descriptor);
    }

    internal static object FromInherited(object? state, InheritanceReader reader) =>
        InheritedObjects.GetOrCreateWords(reader, (int)state!, words => new ProcessRLock(words));
}
