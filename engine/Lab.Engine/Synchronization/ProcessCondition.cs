using Lab.Engine.Scheduling;
using Lab.Engine.Sharing;

namespace Lab.Engine.Synchronization;

/// <summary>
/// A condition variable shared by processes: multiprocessing.Condition, over a <see cref="ProcessRLock"/> (the
/// default) or a <see cref="ProcessLock"/>. Wait releases every recursion level of the lock, sleeps until notified
/// or timed out, and re-acquires the lock with the same levels before it returns. Notify(n) wakes at most n of the
/// threads that were waiting when it was called, oldest first (threading.Condition's FIFO order), and nobody who
/// starts waiting later can take those wake-ups. Wait, Notify and NotifyAll require the lock held by the calling
/// thread, with threading.Condition's messages.
/// </summary>
/// <remarks>
/// Shared words (all changed only while the lock is held, except that a waiter sleeps on its own slot word):
/// [0] the number of queued waiters; [1..Capacity] the queue, slot numbers in arrival order;
/// [1+Capacity..2*Capacity] one word per slot: 0 free, 1 waiting, 2 notified. Wait takes a free slot and queues
/// it, releases the lock, and sleeps with FUTEX_WAIT(slot, 1). Notify(n) dequeues the n oldest slots, stores 2 in
/// each and wakes it. A waiter whose timeout passes re-acquires the lock and then looks: 2 means it was notified
/// in the meantime (Wait returns true, the wake-up is not lost), 1 means it dequeues itself (false). This differs
/// from CPython's three counting semaphores, whose notify blocks until each woken sleeper acknowledges (and hangs
/// forever if that sleeper was killed); here a killed waiter only absorbs the notification sent to it and keeps
/// its slot.
/// Scheduling points (issue #5 §2): before Wait and Notify, before each access of a slot word (the waiter reads it
/// without the lock) and of the length word read without the lock (<see cref="WaitingCount"/>), and in the lock and the
/// futex calls. The queue words are only touched with the lock held, so points there would add schedules that no
/// other thread can tell apart (partial-order reduction): the lock's own points already order them.
/// </remarks>
[InheritedKind("condition")]
public sealed unsafe class ProcessCondition : IDisposable, IInheritable
{
    /// <summary>Threads of all processes that can wait at once; the region is two pages.</summary>
    public const int Capacity = 1023;

    private const int Free = 0, Waiting = 1, Notified = 2;
    private const int LengthOffset = 0, QueueOffset = 4, SlotsOffset = QueueOffset + Capacity * 4, Size = SlotsOffset + Capacity * 4;

    private readonly SharedWords _words;
    private readonly IConditionLock _lock;
    private readonly bool _ownsLock;

    /// <summary>A condition over a new <see cref="ProcessRLock"/>, disposed with it.</summary>
    public ProcessCondition() : this(SharedWords.Create(Size, nameof(ProcessCondition)), new ProcessRLock(), ownsLock: true) { }

    /// <summary>A condition over <paramref name="lock"/>, which stays the caller's to dispose.</summary>
    public ProcessCondition(ProcessLock @lock) : this(SharedWords.Create(Size, nameof(ProcessCondition)), @lock ?? throw new ArgumentNullException(nameof(@lock)), ownsLock: false) { }

    /// <inheritdoc cref="ProcessCondition(ProcessLock)"/>
    public ProcessCondition(ProcessRLock @lock) : this(SharedWords.Create(Size, nameof(ProcessCondition)), @lock ?? throw new ArgumentNullException(nameof(@lock)), ownsLock: false) { }

    private ProcessCondition(SharedWords words, IConditionLock @lock, bool ownsLock)
    {
        _words = words;
        _lock = @lock;
        _ownsLock = ownsLock;
    }

    /// <summary>The underlying lock's Acquire.</summary>
    public bool Acquire(bool block = true, TimeSpan? timeout = null) => _lock.Acquire(block, timeout);

    public void Release() => _lock.Release();

    public IDisposable Hold(TimeSpan? timeout = null) => _lock.Hold(timeout);

    /// <summary>
    /// Releases the lock fully, waits until notified (null: forever; a negative timeout counts as zero), and
    /// re-acquires it however long that takes, as CPython does. Returns false if the timeout passed without a
    /// notification. <exception cref="SynchronizationError">if the calling thread does not hold the lock.</exception>
    /// </summary>
    public bool Wait(TimeSpan? timeout = null)
    {
        EngineScheduling.Point(EnginePoint.Wait);
        if (!_lock.IsOwnedByCurrentThread) throw new SynchronizationError("cannot wait on un-acquired lock");
        using var use = _words.Enter();
        var slot = Enqueue(use);
        var slotWord = SlotWord(use, slot);
        var levels = _lock.ReleaseFully();
        var deadline = Deadline.From(timeout);
        try
        {
            while (true)
            {
                EngineScheduling.Point(EnginePoint.Read);
                if (Volatile.Read(ref *slotWord) != Waiting || deadline.HasPassed) break;
                Futex.Wait(slotWord, Waiting, deadline);
            }
        }
        finally
        {
            _lock.Reacquire(levels);
        }
        var notified = Volatile.Read(ref *slotWord) == Notified;
        if (!notified) Dequeue(use, slot);
        Volatile.Write(ref *slotWord, Free);
        return notified;
    }

    /// <summary>Waits until <paramref name="predicate"/> is true or the timeout passes, and returns the
    /// predicate's last value (threading.Condition.wait_for, which multiprocessing.Condition copies). The
    /// predicate runs in the calling process with the lock held.</summary>
    public bool WaitFor(Func<bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var result = predicate();
        if (result) return true;
        var deadline = Deadline.From(timeout);
        while (!result)
        {
            TimeSpan? remaining = null;
            if (!deadline.IsInfinite)
            {
                remaining = deadline.Remaining;
                if (remaining <= TimeSpan.Zero) break;
            }
            Wait(remaining);
            result = predicate();
        }
        return result;
    }

    /// <summary>Wakes up to <paramref name="n"/> of the current waiters, oldest first.
    /// <exception cref="SynchronizationError">if the calling thread does not hold the lock.</exception></summary>
    public void Notify(int n = 1)
    {
        EngineScheduling.Point(EnginePoint.Notify);
        if (!_lock.IsOwnedByCurrentThread) throw new SynchronizationError("cannot notify on un-acquired lock");
        using var use = _words.Enter();
        var length = use.Word(LengthOffset);
        var woken = Math.Clamp(n, 0, *length);
        if (woken == 0) return;
        var queue = use.Word(QueueOffset);
        for (var i = 0; i < woken; i++)
        {
            var slotWord = SlotWord(use, queue[i]);
            EngineScheduling.Point(EnginePoint.Write);
            Volatile.Write(ref *slotWord, Notified);
            Futex.Wake(slotWord, 1);
        }
        new Span<int>(queue + woken, *length - woken).CopyTo(new Span<int>(queue, *length - woken));
        Volatile.Write(ref *length, *length - woken);
    }

    public void NotifyAll() => Notify(int.MaxValue);

    /// <summary>Threads queued in Wait right now, in every process (a diagnostic; read without the lock).</summary>
    internal int WaitingCount
    {
        get
        {
            using var use = _words.Enter();
            EngineScheduling.Point(EnginePoint.Read);
            return Volatile.Read(ref *use.Word(LengthOffset));
        }
    }

    /// <summary>Unmaps this process's view once no operation of this process uses it (and disposes the lock if
    /// this condition created it); other processes keep theirs.</summary>
    public void Dispose()
    {
        _words.Dispose();
        if (_ownsLock) ((IDisposable)_lock).Dispose();
    }

    public override string ToString()
    {
        try { return $"<ProcessCondition({_lock}, {WaitingCount})>"; }
        catch (ObjectDisposedException) { return "<ProcessCondition(disposed)>"; }
    }

    private static int* SlotWord(SharedWords.Use use, int slot) => use.Word(SlotsOffset + slot * 4);

    private static int Enqueue(SharedWords.Use use)
    {
        var length = use.Word(LengthOffset);
        if (*length >= Capacity)
            throw new SynchronizationError($"more than {Capacity} threads are waiting on this condition at once");
        var slots = use.Word(SlotsOffset);
        var slot = new Span<int>(slots, Capacity).IndexOf(Free);
        if (slot < 0)
            throw new SynchronizationError($"every one of the {Capacity} waiter slots of this condition is taken (by waiters of killed processes?)");
        Volatile.Write(ref slots[slot], Waiting);
        use.Word(QueueOffset)[*length] = slot;
        Volatile.Write(ref *length, *length + 1);
        return slot;
    }

    private static void Dequeue(SharedWords.Use use, int slot)
    {
        var length = use.Word(LengthOffset);
        var queue = new Span<int>(use.Word(QueueOffset), *length);
        var at = queue.IndexOf(slot);
        if (at < 0) return;
        queue[(at + 1)..].CopyTo(queue[at..]);
        Volatile.Write(ref *length, *length - 1);
    }

    string IInheritable.InheritedKind => "condition";

    /// <summary>The lock travels inside the state as an inherited object of its own, so a lock that is also
    /// passed on its own arrives as the same object.</summary>
    object? IInheritable.ExportState(InheritanceWriter writer)
    {
        using var use = _words.Enter();
        return new object?[] { writer.Add(_words.Descriptor), _lock };
    }

    /// <summary>In a child, the lock may be shared with other inherited objects, so the condition does not dispose it.</summary>
    internal static object FromInherited(object? state, InheritanceReader reader)
    {
        var s = (object?[])state!;
        var @lock = (IConditionLock)s[1]!;
        return InheritedObjects.GetOrCreateWords(reader, (int)s[0]!, words => new ProcessCondition(words, @lock, ownsLock: false));
    }
}
