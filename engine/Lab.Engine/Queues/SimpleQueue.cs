using Lab.Engine.Serialization;
using Lab.Engine.Sharing;

namespace Lab.Engine.Queues;

/// <summary>CPython's SimpleQueue: the locked pipe alone, with a synchronous Put and no feeder thread. Get takes an
/// optional timeout (CPython's has none) so that no call has to wait forever.</summary>
[InheritedKind("simple-queue")]
public sealed class SimpleQueue : IDisposable, IInheritable
{
    private readonly QueueStream _stream;
    private bool _closed;

    public SimpleQueue() : this(QueueStream.Create()) { }

    private SimpleQueue(QueueStream stream) => _stream = stream;

    public void Put(object? item)
    {
        CheckNotClosed();
        _stream.Write(ChannelEncoder.Encode(item), Deadline.Infinite);
    }

    public object? Get(TimeSpan? timeout = null)
    {
        CheckNotClosed();
        var message = _stream.Read(Deadline.From(timeout)) ?? throw new QueueEmptyError();
        return ChannelDecoder.Decode(message);
    }

    public bool Empty()
    {
        CheckNotClosed();
        return !_stream.Poll();
    }

    public void Close()
    {
        _closed = true;
        _stream.Dispose();
    }

    public void Dispose() => Close();

    private void CheckNotClosed()
    {
        if (_closed) throw new QueueClosedError("SimpleQueue is closed");
    }

    string IInheritable.InheritedKind => "simple-queue";

    object? IInheritable.ExportState(InheritanceWriter writer) => new object?[] { _stream };

    internal static object FromInherited(object? state, InheritanceReader reader) => new SimpleQueue((QueueStream)((object?[])state!)[0]!);
}
