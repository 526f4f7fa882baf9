using Lab.Engine.Sharing;

namespace Lab.Engine.Synchronization;

/// <summary>
/// A counting semaphore shared by processes: multiprocessing.Semaphore, a SemLock of kind SEMAPHORE whose maxvalue
/// is SEM_VALUE_MAX (int.MaxValue here, as on glibc). Release has no owner check; a release that would pass
/// int.MaxValue raises "semaphore or lock released too many times", as semaphore.c does at SEM_VALUE_MAX.
/// </summary>
/// <remarks>Shared words: [0] the value, [1] the number of sleepers (<see cref="FutexSemaphore"/>).</remarks>
[InheritedKind("semaphore")]
public sealed unsafe class ProcessSemaphore : IDisposable, IInheritable
{
    internal const int ValueOffset = 0, SleepersOffset = 4, Size = 8;

    private readonly SharedWords _words;

    public ProcessSemaphore(int value = 1) : this(Create(value, nameof(ProcessSemaphore))) { }

    private ProcessSemaphore(SharedWords words) => _words = words;

    /// <summary>Takes one unit, as SemLock.acquire(block, timeout): null waits forever, a negative timeout counts
    /// as zero, and with <paramref name="block"/> false the timeout is ignored.</summary>
    public bool Acquire(bool block = true, TimeSpan? timeout = null) => Acquire(_words, block, timeout);

    /// <summary>Adds one unit and wakes one waiter.</summary>
    public void Release() => Release(_words, int.MaxValue);

    public IDisposable Hold(TimeSpan? timeout = null) => Releaser.Hold(Acquire, Release, timeout, "semaphore");

    /// <summary>The current value (Semaphore.get_value(), sem_getvalue(3)); it may change at once.</summary>
    public int Value => ValueOf(_words);

    /// <summary>Unmaps this process's view once no operation of this process uses it; other processes keep theirs.</summary>
    public void Dispose() => _words.Dispose();

    public override string ToString()
    {
        try { return $"<ProcessSemaphore(value={Value})>"; }
        catch (ObjectDisposedException) { return "<ProcessSemaphore(disposed)>"; }
    }

    /// <summary>Words holding <paramref name="value"/>; the check and message are threading.Semaphore's
    /// (multiprocessing passes a negative value to sem_open, which fails with EINVAL).</summary>
    internal static SharedWords Create(int value, string owner)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "semaphore initial value must be >= 0");
        var words = SharedWords.Create(Size, owner);
        using var use = words.Enter();
        Volatile.Write(ref *use.Word(ValueOffset), value);
        return words;
    }

    internal static bool Acquire(SharedWords words, bool block, TimeSpan? timeout)
    {
        using var use = words.Enter();
        return FutexSemaphore.Acquire(use.Word(ValueOffset), use.Word(SleepersOffset), block, Deadline.From(timeout));
    }

    internal static void Release(SharedWords words, int maxValue)
    {
        using var use = words.Enter();
        if (!FutexSemaphore.Release(use.Word(ValueOffset), use.Word(SleepersOffset), maxValue)) throw ProcessLock.TooManyReleases();
    }

    internal static int ValueOf(SharedWords words)
    {
        using var use = words.Enter();
        return Volatile.Read(ref *use.Word(ValueOffset));
    }

    string IInheritable.InheritedKind => "semaphore";

    object? IInheritable.ExportState(InheritanceWriter writer)
    {
        using var use = _words.Enter();
        return writer.Add(_words.Descriptor);
    }

    internal static object FromInherited(object? state, InheritanceReader reader) =>
        InheritedObjects.GetOrCreateWords(reader, (int)state!, words => new ProcessSemaphore(words));
}
