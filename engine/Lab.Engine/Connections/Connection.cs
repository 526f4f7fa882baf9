using System.Buffers.Binary;
using Lab.Engine.Interop;
using Lab.Engine.Serialization;
using Lab.Engine.Sharing;
using Microsoft.Win32.SafeHandles;

namespace Lab.Engine.Connections;

/// <summary>
/// One end of a Pipe (CPython's multiprocessing.connection.Connection, seeds 59.13): messages of bytes or of
/// channel values, each framed by a 4-byte big-endian length, never merged or split; an empty message counts.
/// The peer's close or death is an end of file (<see cref="EndOfStreamException"/>, CPython's EOFError) on the
/// next receive. Not thread-safe, like CPython's. A connection can be passed to a child as a target argument.
/// </summary>
[InheritedKind("connection")]
public sealed unsafe class Connection : IDisposable, IInheritable
{
    /// <summary>Small messages go out in one write with their header (CPython does the same under 16 KiB).</summary>
    private const int CoalesceBytes = 64 * 1024;

    private readonly SafeFileHandle _handle;
    private readonly ChannelLimits _limits;
    private readonly MessageReader _reader;

    internal Connection(int fd, bool readable, bool writable, ChannelLimits? limits = null)
    {
        _handle = new SafeFileHandle(fd, ownsHandle: true);
        Readable = readable;
        Writable = writable;
        _limits = limits ?? ChannelLimits.Default;
        _reader = new MessageReader(_limits);
    }

    public bool Readable { get; }

    public bool Writable { get; }

    public bool Closed => _handle.IsClosed;

    public int Fileno => (int)CheckOpen().DangerousGetHandle();

    public void Send(object? value) => SendBytes(ChannelEncoder.Encode(value, _limits));

    /// <summary>Receives one value; see <see cref="RecvBytes"/> for the timeout and end of file.</summary>
    public object? Recv(TimeSpan? timeout = null) => ChannelDecoder.Decode(RecvBytes(null, timeout), _limits);

    public void SendBytes(byte[] buffer, int offset = 0, int? size = null)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        // CPython's checks and messages (connection.py, send_bytes).
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset), "offset is negative");
        if (buffer.Length < offset) throw new ArgumentOutOfRangeException(nameof(offset), "buffer length < offset");
        var n = size ?? buffer.Length - offset;
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(size), "size is negative");
        if (buffer.Length < offset + n) throw new ArgumentOutOfRangeException(nameof(size), "buffer length < offset + size");
        SendBytes(buffer.AsSpan(offset, n));
    }

    public void SendBytes(ReadOnlySpan<byte> message)
    {
        CheckWritable();
        if (message.Length > _limits.MaxFrameBytes)
            throw new SerializationError($"a {message.Length}-byte message is over the connection's limit of {_limits.MaxFrameBytes} bytes");
        if (message.Length <= CoalesceBytes)
        {
            var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(message.Length + 4);
            try
            {
                BinaryPrimitives.WriteInt32BigEndian(rented, message.Length);
                message.CopyTo(rented.AsSpan(4));
                WriteAll(rented.AsSpan(0, message.Length + 4));
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
            return;
        }
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, message.Length);
        WriteAll(header);
        WriteAll(message);
    }

    /// <summary>Sends several messages, each framed on its own (never merged), with as few write(2) calls as the
    /// coalescing size allows: a queue's feeder flushes what has piled up in one go.</summary>
    internal void SendFrames(IReadOnlyList<byte[]> messages)
    {
        CheckWritable();
        var pending = new System.Buffers.ArrayBufferWriter<byte>(CoalesceBytes);
        foreach (var message in messages)
        {
            if (message.Length > _limits.MaxFrameBytes)
                throw new SerializationError($"a {message.Length}-byte message is over the connection's limit of {_limits.MaxFrameBytes} bytes");
            if (pending.WrittenCount > 0 && pending.WrittenCount + 4 + message.Length > CoalesceBytes)
            {
                WriteAll(pending.WrittenSpan);
                pending.Clear();
            }
            if (message.Length + 4 > CoalesceBytes)
            {
                SendBytes(message);
                continue;
            }
            BinaryPrimitives.WriteInt32BigEndian(pending.GetSpan(4), message.Length);
            pending.Advance(4);
            System.Buffers.BuffersExtensions.Write(pending, message);
        }
        if (pending.WrittenCount > 0) WriteAll(pending.WrittenSpan);
    }

    /// <summary>Receives one message. <paramref name="maxLength"/>: a longer message is an error and the
    /// connection is closed, as in CPython ("bad message length"). <paramref name="timeout"/>: null waits forever
    /// (CPython's only choice); otherwise <see cref="TimeoutException"/> if the whole message has not arrived in time.
    /// A message cut short by the timeout is kept: the next receive continues it (<see cref="MessageReader"/>).</summary>
    public byte[] RecvBytes(int? maxLength = null, TimeSpan? timeout = null)
    {
        if (maxLength < 0) throw new ArgumentOutOfRangeException(nameof(maxLength), "negative maxlength");
        CheckReadable();
        var deadline = Deadline.From(timeout);
        try
        {
            var length = _reader.NextLength(Fileno, deadline);
            if (maxLength is { } max && length > max)
            {
                Close();
                throw new IOException("bad message length");
            }
            return _reader.ReadBody(Fileno, length, deadline);
        }
        catch (TimeoutException e)
        {
            throw TimedOut(e, timeout);
        }
    }

    /// <summary>
    /// Receives one message from a non-blocking descriptor (<see cref="MakeNonBlocking"/>), never waiting forever for
    /// the rest of a started one: returns null if no byte arrives before <paramref name="deadline"/>; once a message
    /// has started, whenever nothing arrives for <paramref name="stallCheckInterval"/>, <paramref name="onStall"/> runs
    /// and may end the read by throwing. The queues use it to tell a slow writer from a dead one. When data is
    /// waiting, a message costs two read(2) calls and no poll(2).
    /// </summary>
    internal byte[]? RecvBytesWatched(Deadline deadline, TimeSpan stallCheckInterval, Action onStall)
    {
        CheckReadable();
        Span<byte> header = stackalloc byte[4];
        if (!ReadWatched(header, deadline, stallCheckInterval, onStall, started: false)) return null;
        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length < 0 || length > _limits.MaxFrameBytes)
            throw new ChannelFormatError($"malformed message: length {length} is outside 0..{_limits.MaxFrameBytes}");
        var message = MessageBuffer.Start(length);
        var filled = 0;
        while (true)
        {
            ReadWatched(message.AsSpan(filled), Deadline.Infinite, stallCheckInterval, onStall, started: true);
            filled = message.Length;
            if (filled == length) return message;
            MessageBuffer.Grow(ref message, length);
        }
    }

    /// <summary>O_NONBLOCK on this end (shared by every process that inherited it: only the queues, which all read
    /// through <see cref="RecvBytesWatched"/>, use it).</summary>
    internal void MakeNonBlocking()
    {
        var flags = Libc.fcntl(Fileno, Libc.F_GETFL, 0);
        if (flags < 0 || Libc.fcntl(Fileno, Libc.F_SETFL, flags | Libc.O_NONBLOCK) < 0) throw Libc.Error("fcntl(O_NONBLOCK)", Libc.LastErrno);
    }

    private bool ReadWatched(Span<byte> buffer, Deadline deadline, TimeSpan interval, Action onStall, bool started)
    {
        var fd = Fileno;
        var total = 0;
        while (total < buffer.Length)
        {
            nint n;
            fixed (byte* p = buffer)
                n = Libc.read(fd, p + total, (nuint)(buffer.Length - total));
            if (n > 0) { total += (int)n; started = true; continue; }
            if (n == 0)
            {
                if (!started) throw new EndOfStreamException("the other end of the connection was closed (EOF)");
                throw new ChannelFormatError("got end of file during message");
            }
            var errno = Libc.LastErrno;
            if (errno == Libc.EINTR) continue;
            if (errno != Libc.EAGAIN) throw Libc.Error("read", errno);
            // Nothing to read yet: before a message starts, wait for the caller's deadline; inside one, check on the writer.
            if (!started && deadline.HasPassed) return false;
            var wait = started ? (int)interval.TotalMilliseconds : Math.Min(deadline.RemainingMilliseconds is -1 ? int.MaxValue : deadline.RemainingMilliseconds, (int)interval.TotalMilliseconds);
            var pfd = new Libc.PollFd { Fd = fd, Events = Libc.POLLIN };
            var rc = Libc.poll(&pfd, 1, wait);
            if (rc < 0 && Libc.LastErrno != Libc.EINTR) throw Libc.Error("poll", Libc.LastErrno);
            if (rc == 0 && started) onStall();
        }
        return true;
    }

    /// <summary>Reads one message into <paramref name="buffer"/> at <paramref name="offset"/> and returns its length. If it
    /// does not fit, <see cref="BufferTooShortError"/> carries the whole message (CPython's recv_bytes_into).</summary>
    public int RecvBytesInto(byte[] buffer, int offset = 0, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (offset < 0 || offset > buffer.Length) throw new ArgumentOutOfRangeException(nameof(offset), offset < 0 ? "negative offset" : "offset out of bounds");
        CheckReadable();
        var deadline = Deadline.From(timeout);
        try
        {
            var length = _reader.NextLength(Fileno, deadline);
            if (length > buffer.Length - offset) throw new BufferTooShortError(_reader.ReadBody(Fileno, length, deadline));
            _reader.ReadBodyInto(Fileno, buffer.AsSpan(offset, length), deadline);
            return length;
        }
        catch (TimeoutException e)
        {
            throw TimedOut(e, timeout);
        }
    }

    private static TimeoutException TimedOut(TimeoutException e, TimeSpan? timeout) =>
        new($"{e.Message} (timeout {timeout?.TotalMilliseconds:0.###} ms)", e);

    /// <summary>Whether a message (or the end of file) can be read now. CPython's poll(timeout=0.0): zero or a
    /// negative timeout returns at once, null waits forever.</summary>
    public bool Poll(TimeSpan? timeout)
    {
        CheckReadable();
        return MessageReader.WaitReadable(Fileno, Deadline.From(timeout));
    }

    public bool Poll() => Poll(TimeSpan.Zero);

    public void Close() => _handle.Dispose();

    public void Dispose() => Close();

    public override string ToString() => $"<Connection fd={(Closed ? "closed" : Fileno.ToString())}{(Readable ? " r" : "")}{(Writable ? " w" : "")}>";

    string IInheritable.InheritedKind => "connection";

    object? IInheritable.ExportState(InheritanceWriter writer) => new object?[] { writer.Add(Fileno), Readable, Writable };

    internal static object FromInherited(object? state, InheritanceReader reader)
    {
        var s = (object?[])state!;
        var fd = reader.Descriptor((int)s[0]!);
        // Grandchildren get it only if it is passed to them explicitly.
        Libc.fcntl(fd, Libc.F_SETFD, Libc.FD_CLOEXEC);
        return new Connection(fd, (bool)s[1]!, (bool)s[2]!);
    }

    private void WriteAll(ReadOnlySpan<byte> data)
    {
        var fd = Fileno;
        fixed (byte* p = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                // Under an attached scheduler: a point before every chunk of at most 64 KiB, so a kill can fall inside a
                // large message (issue #5 §3); unscheduled, one write(2) as before.
                Scheduling.EngineScheduling.Point(Scheduling.EnginePoint.Send);
                var n = Libc.write(fd, p + done, (nuint)(Scheduling.EngineScheduling.Attached is null ? data.Length - done : Math.Min(data.Length - done, 64 * 1024)));
                if (n >= 0) { done += (int)n; continue; }
                var errno = Libc.LastErrno;
                if (errno == Libc.EINTR) continue;
                if (errno == Libc.EPIPE) throw new IOException("the other end of the connection is closed (broken pipe)");
                throw Libc.Error("write", errno);
            }
        }
    }

    private SafeFileHandle CheckOpen() => _handle.IsClosed ? throw new IOException("handle is closed") : _handle;

    private void CheckReadable()
    {
        CheckOpen();
        if (!Readable) throw new IOException("connection is write-only");
    }

    private void CheckWritable()
    {
        CheckOpen();
        if (!Writable) throw new IOException("connection is read-only");
    }
}
