using Lab.Engine.Scheduling;
using Lab.Engine.Sharing;

namespace Lab.Engine.Synchronization;

/// <summary>
/// A flag that processes can wait for: multiprocessing.Event (there a Condition(Lock()) plus a Semaphore(0) as the
/// flag). Wait returns the flag as it is when the waiter wakes, like CPython's Event.wait: a Set followed at once
/// by a Clear wakes every waiter, and those that see the flag cleared return false.
/// </summary>
/// <remarks>
/// Shared words: [0] bit 0 is the flag, bits 1..31 count the Sets that changed the flag from clear to set;
/// [1] the number of sleepers. A waiter counts itself, then sleeps with FUTEX_WAIT on word [0] while it is
/// unchanged; Set changes word [0], then reads the count and wakes all if it is not zero. Both steps are full
/// fences, so either Set sees the sleeper or the sleeper's FUTEX_WAIT sees the changed word: no Set is missed.
/// Clear alone cannot change the word while anyone sleeps (the flag is already clear). The Set count wraps after
/// 2^30 Sets; a waiter that sleeps through exactly that many would miss them (ABA). A scheduling point precedes every
/// atomic access of either word (issue #5 §2).
/// </remarks>
[InheritedKind("event")]
public sealed unsafe class ProcessEvent : IDisposable, IInheritable
{
    private const int FlagBit = 1, SetIncrement = 2, WordOffset = 0, SleepersOffset = 4, Size = 8;

    private readonly SharedWords _words;

    public ProcessEvent() : this(SharedWords.Create(Size, nameof(ProcessEvent))) { }

    private ProcessEvent(SharedWords words) => _words = words;

    public bool IsSet
    {
        get
        {
            using var use = _words.Enter();
            EngineScheduling.Point(EnginePoint.Read);
            return (Volatile.Read(ref *use.Word(WordOffset)) & FlagBit) != 0;
        }
    }

    /// <summary>Sets the flag and wakes every waiter.</summary>
    public void Set()
    {
        using var use = _words.Enter();
        var word = use.Word(WordOffset);
        EngineScheduling.Point(EnginePoint.Notify);
        var v = Volatile.Read(ref *word);
        while (true)
        {
            if ((v & FlagBit) != 0) return;
            EngineScheduling.Point(EnginePoint.Write);
            var seen = Interlocked.CompareExchange(ref *word, unchecked(v + SetIncrement) | FlagBit, v);
            if (seen == v) break;
            v = seen;
        }
        EngineScheduling.Point(EnginePoint.Read);
        if (Volatile.Read(ref *use.Word(SleepersOffset)) > 0) Futex.WakeAll(word);
    }

    public void Clear()
    {
        using var use = _words.Enter();
        var word = use.Word(WordOffset);
        EngineScheduling.Point(EnginePoint.Read);
        var v = Volatile.Read(ref *word);
        while ((v & FlagBit) != 0)
        {
            EngineScheduling.Point(EnginePoint.Write);
            var seen = Interlocked.CompareExchange(ref *word, v & ~FlagBit, v);
            if (seen == v) return;
            v = seen;
        }
    }

    /// <summary>Blocks until the flag is set (null: forever; a negative timeout counts as zero) and returns the
    /// flag: false after a timeout, or when a Set was followed by a Clear before this waiter looked.</summary>
    public bool Wait(TimeSpan? timeout = null)
    {
        using var use = _words.Enter();
        var word = use.Word(WordOffset);
        var sleepers = use.Word(SleepersOffset);
        EngineScheduling.Point(EnginePoint.Wait);
        var seen = Volatile.Read(ref *word);
        if ((seen & FlagBit) != 0) return true;
        var deadline = Deadline.From(timeout);
        EngineScheduling.Point(EnginePoint.Write);
        Interlocked.Increment(ref *sleepers);
        try
        {
            while (true)
            {
                Futex.Wait(word, seen, deadline);
                EngineScheduling.Point(EnginePoint.Read);
                var now = Volatile.Read(ref *word);
                if (now != seen) return (now & FlagBit) != 0;
                if (deadline.HasPassed) return false;
            }
        }
        finally
        {
            EngineScheduling.Point(EnginePoint.Write);
            Interlocked.Decrement(ref *sleepers);
        }
    }

    /// <summary>Threads of all processes inside Wait right now (a diagnostic).</summary>
    internal int WaitingCount
    {
        get
        {
            using var use = _words.Enter();
            EngineScheduling.Point(EnginePoint.Read);
            return Volatile.Read(ref *use.Word(SleepersOffset));
        }
    }

    /// <summary>Unmaps this process's view once no operation of this process uses it; other processes keep theirs.</summary>
    public void Dispose() => _words.Dispose();

    public override string ToString()
    {
        try { return $"<ProcessEvent({(IsSet ? "set" : "unset")})>"; }
        catch (ObjectDisposedException) { return "<ProcessEvent(disposed)>"; }
    }

    string IInheritable.InheritedKind => "event";

    object? IInheritable.ExportState(InheritanceWriter writer)
    {
        using var use = _words.Enter();
        return writer.Add(_words.Descriptor);
    }

    internal static object FromInherited(object? state, InheritanceReader reader) =>
        InheritedObjects.GetOrCreateWords(reader, (int)state!, words => new ProcessEvent(words));
}
