using Lab.Engine.Connections;
using Lab.Engine.Diagnostics;
using Lab.Engine.Sharing;
using Lab.Engine.Synchronization;

namespace Lab.Engine.Queues;

/// <summary>
/// The byte stream under every queue, as in CPython (queues.py): a one-way pipe, a lock for readers and one for
/// writers, so a message is written and read whole. Unlike CPython it records, in shared memory, which process
/// holds each lock and whether the stream is broken: a reader that waits in vain for the rest of a message, or
/// for a lock, asks whether the holder is still alive, and if it died mid-message the stream is marked broken for
/// every process (CPython: "a SIGTERM or SIGKILL in the middle of an operation can leave _rlock or _wlock held
/// forever ... readers get garbage, EOFError or 'got end of file during message'").
/// </summary>
[InheritedKind("queue-stream")]
internal sealed unsafe class QueueStream : IDisposable, IInheritable
{
    private const int BrokenWord = 0, WriterWord = 4, ReaderWord = 8;
    private static readonly TimeSpan StallCheck = TimeSpan.FromMilliseconds(100);

    private readonly Connection _reader;
    private readonly Connection _writer;
    private readonly ProcessLock _readLock;
    private readonly ProcessLock _writeLock;
    private readonly SharedRegion _state;

    private QueueStream(Connection reader, Connection writer, ProcessLock readLock, ProcessLock writeLock, SharedRegion state)
    {
        _reader = reader;
        _writer = writer;
        _readLock = readLock;
        _writeLock = writeLock;
        _state = state;
    }

    public static QueueStream Create()
    {
        var (reader, writer) = Pipe.Create(duplex: false);
        reader.MakeNonBlocking();
        return new QueueStream(reader, writer, new ProcessLock(), new ProcessLock(), SharedRegion.Create(64, "queue"));
    }

    public bool IsBroken => Volatile.Read(ref *_state.Word(BrokenWord)) != 0;

    /// <summary>Writes one message whole, under the writers' lock. Waits for the lock until the deadline; a lock
    /// whose holder died mid-message breaks the stream.</summary>
    public bool Write(byte[] message, Deadline deadline) => Write([message], deadline);

    /// <summary>Writes messages in order, each whole, under one hold of the writers' lock.</summary>
    public bool Write(IReadOnlyList<byte[]> messages, Deadline deadline)
    {
        ThrowIfBroken();
        if (!AcquireWatched(_writeLock, WriterWord, deadline, "writer")) return false;
        try
        {
            Volatile.Write(ref *_state.Word(WriterWord), Environment.ProcessId);
            _writer.SendFrames(messages);
        }
        finally
        {
            Volatile.Write(ref *_state.Word(WriterWord), 0);
            _writeLock.Release();
        }
        return true;
    }

    /// <summary>Reads one message, or returns null if none arrives before the deadline.</summary>
    public byte[]? Read(Deadline deadline)
    {
        ThrowIfBroken();
        if (!AcquireWatched(_readLock, ReaderWord, deadline, "reader")) return null;
        try
        {
            Volatile.Write(ref *_state.Word(ReaderWord), Environment.ProcessId);
            try
            {
                return _reader.RecvBytesWatched(deadline, StallCheck, () =>
                {
                    if (DeadHolder(WriterWord, "writer") is { } reason) throw new QueueBrokenError(reason);
                });
            }
            catch (Exception e) when (e is QueueBrokenError or Serialization.ChannelFormatError or EndOfStreamException)
            {
                MarkBroken();
                throw e as QueueBrokenError ?? new QueueBrokenError($"the queue's stream is corrupted: {e.Message}");
            }
        }
        finally
        {
            Volatile.Write(ref *_state.Word(ReaderWord), 0);
            _readLock.Release();
        }
    }

    /// <summary>Whether a message can be read now (CPython's Queue.empty() is `not self._poll()`).</summary>
    public bool Poll() => _reader.Poll();

    public void CloseReader() => _reader.Close();

    public void ThrowIfBroken()
    {
        if (IsBroken) throw new QueueBrokenError("the queue is broken: a process died in the middle of a message, so its stream cannot be trusted");
    }

    private bool AcquireWatched(ProcessLock @lock, int holderWord, Deadline deadline, string role)
    {
        while (true)
        {
            var slice = deadline.IsInfinite ? StallCheck : TimeSpan.FromTicks(Math.Min(StallCheck.Ticks, deadline.Remaining.Ticks));
            if (@lock.Acquire(true, slice)) return true;
            if (DeadHolder(holderWord, role) is { } reason)
            {
                MarkBroken();
                throw new QueueBrokenError(reason);
            }
            ThrowIfBroken();
            if (deadline.HasPassed) return false;
        }
    }

    private string? DeadHolder(int word, string role)
    {
        var pid = Volatile.Read(ref *_state.Word(word));
        return pid != 0 && !Liveness.IsRunning(pid)
            ? $"the queue's {role} (pid {pid}) died in the middle of a message; the stream is corrupted and the queue is broken"
            : null;
    }

    private void MarkBroken() => Volatile.Write(ref *_state.Word(BrokenWord), 1);

    string IInheritable.InheritedKind => "queue-stream";

    object? IInheritable.ExportState(InheritanceWriter writer) =>
        new object?[] { _reader, _writer, _readLock, _writeLock, writer.Add(_state.Descriptor) };

    internal static object FromInherited(object? state, InheritanceReader reader)
    {
        var s = (object?[])state!;
        return new QueueStream((Connection)s[0]!, (Connection)s[1]!, (ProcessLock)s[2]!, (ProcessLock)s[3]!, SharedRegion.FromInherited(reader.Descriptor((int)s[4]!)));
    }

    public void Dispose()
    {
        _reader.Dispose();
        _writer.Dispose();
        _readLock.Dispose();
        _writeLock.Dispose();
        _state.Dispose();
    }
}
