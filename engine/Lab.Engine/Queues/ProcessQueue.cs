using Lab.Engine.Serialization;
using Lab.Engine.Sharing;
using Lab.Engine.Synchronization;

namespace Lab.Engine.Queues;

/// <summary>
/// A multi-producer, multi-consumer queue across processes: CPython's multiprocessing.Queue (seeds 59.12;
/// queues.py). Put serializes at once (an unserializable item is the caller's error, where CPython's feeder
/// would print it and drop the item), waits for room when maxsize is set, and hands the bytes to a feeder
/// thread. Get waits under the readers' lock. QSize, Empty and Full are approximate, as in CPython. A process
/// that dies in the middle of a message breaks the queue for everyone (<see cref="QueueBrokenError"/>) instead
/// of leaving garbage or a hang. Pass it to children as a target argument.
/// </summary>
[InheritedKind("queue")]
public class ProcessQueue : IDisposable, IInheritable
{
    /// <summary>CPython uses SEM_VALUE_MAX for an unbounded queue.</summary>
    private const int Unbounded = int.MaxValue;

    private readonly QueueStream _stream;
    private readonly ProcessBoundedSemaphore _slots;
    private readonly object _gate = new();
    private Feeder? _feeder;
    private bool _closed;
    private bool _joinCancelled;

    public ProcessQueue(int maxsize = 0)
        : this(QueueStream.Create(), maxsize <= 0 ? Unbounded : maxsize, new ProcessBoundedSemaphore(maxsize <= 0 ? Unbounded : maxsize))
    {
    }

    private protected ProcessQueue(QueueStream stream, int maxsize, ProcessBoundedSemaphore slots)
    {
        _stream = stream;
        Maxsize = maxsize;
        _slots = slots;
    }

    /// <summary>The bound (int.MaxValue when unbounded).</summary>
    public int Maxsize { get; }

    public void Put(object? item, bool block = true, TimeSpan? timeout = null)
    {
        CheckNotClosed();
        _stream.ThrowIfBroken();
        var message = ChannelEncoder.Encode(item);
        if (!_slots.Acquire(block, block ? timeout : TimeSpan.Zero)) throw new QueueFullError();
        lock (_gate)
        {
            _feeder ??= new Feeder(_stream) { JoinCancelled = _joinCancelled };
            OnPut();
            _feeder.Enqueue(message);
        }
    }

    public object? Get(bool block = true, TimeSpan? timeout = null)
    {
        CheckNotClosed();
        var message = _stream.Read(Deadline.From(block ? timeout : TimeSpan.Zero)) ?? throw new QueueEmptyError();
        _slots.Release();
        return ChannelDecoder.Decode(message);
    }

    /// <summary>Approximate number of items (CPython: maxsize minus the semaphore's value).</summary>
    public int QSize() => Maxsize - _slots.Value;

    /// <summary>Approximate: no message is readable right now.</summary>
    public bool Empty() => !_stream.Poll();

    /// <summary>Approximate: no room right now.</summary>
    public bool Full() => _slots.Value == 0;

    /// <summary>No more Put or Get in this process; the feeder flushes what was put and stops.</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            _feeder?.Close();
        }
        _stream.CloseReader();
    }

    /// <summary>Waits for the feeder to flush (CPython's join_thread, which requires close() first).</summary>
    public bool JoinThread(TimeSpan? timeout = null)
    {
        lock (_gate)
            if (!_closed) throw new InvalidOperationException("Queue not closed: call Close() before JoinThread()");
        return _joinCancelled || _feeder is null || _feeder.Join(timeout);
    }

    /// <summary>This process will not wait for the feeder at exit: it may exit at once, losing buffered items
    /// (CPython's cancel_join_thread, the remedy for the join deadlock when loss is acceptable).</summary>
    public void CancelJoinThread()
    {
        lock (_gate)
        {
            _joinCancelled = true;
            if (_feeder is not null) _feeder.JoinCancelled = true;
        }
    }

    /// <summary>Closes; the stream's descriptors and shared memory are released once the feeder has flushed what
    /// was put (never blocks: a feeder stuck on a full pipe keeps them until the process exits).</summary>
    public virtual void Dispose()
    {
        Close();
        Feeder? feeder;
        lock (_gate) feeder = _feeder;
        if (feeder is null) ReleaseResources();
        else feeder.WhenFinished(ReleaseResources);
    }

    private protected virtual void ReleaseResources()
    {
        _stream.Dispose();
        _slots.Dispose();
    }

    private protected virtual void OnPut() { }

    private protected void CheckNotClosed()
    {
        if (_closed) throw new QueueClosedError($"Queue {this} is closed");
    }

    public override string ToString() => $"<{GetType().Name} maxsize={(Maxsize == Unbounded ? 0 : Maxsize)}>";

    string IInheritable.InheritedKind => InheritedKind;

    private protected virtual string InheritedKind => "queue";

    object? IInheritable.ExportState(InheritanceWriter writer) => ExportState();

    private protected virtual object?[] ExportState() => [_stream, Maxsize, _slots];

    internal static object FromInherited(object? state, InheritanceReader reader)
    {
        var s = (object?[])state!;
        return new ProcessQueue((QueueStream)s[0]!, (int)s[1]!, (ProcessBoundedSemaphore)s[2]!);
    }
}
