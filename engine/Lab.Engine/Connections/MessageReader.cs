using System.Buffers.Binary;
using Lab.Engine.Interop;
using Lab.Engine.Serialization;
using Lab.Engine.Sharing;

namespace Lab.Engine.Connections;

/// <summary>
/// The receiving half of a <see cref="Connection"/> on a blocking descriptor: one length-prefixed message at a time,
/// with a deadline that covers the whole message, not only its start (issue #10 §3: a peer that sent part of a message
/// and then nothing, while keeping its end open, blocked a timed receive forever). A receive that times out keeps what
/// arrived: the next receive continues the same message, so nothing is lost and the stream stays in step. CPython's
/// Connection has no receive timeout at all (connection.py); this is the engine's promise that every blocking call
/// has a way out.
/// </summary>
internal sealed unsafe class MessageReader(ChannelLimits limits)
{
    private readonly byte[] _header = new byte[4];
    private int _headerFilled;
    private byte[]? _body;
    private int _bodyFilled;

    /// <summary>The next message's length, reading (or finishing) its header. Throws <see cref="EndOfStreamException"/>
    /// at a clean end of file, <see cref="TimeoutException"/> if the header is not complete by the deadline.</summary>
    public int NextLength(int fd, Deadline deadline)
    {
        while (_headerFilled < 4)
        {
            var n = ReadSome(fd, _header.AsSpan(_headerFilled), deadline, started: _headerFilled > 0);
            if (n == 0)
            {
                if (_headerFilled == 0) throw new EndOfStreamException("the other end of the connection was closed (EOF)");
                throw new ChannelFormatError("got end of file during message");
            }
            _headerFilled += n;
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(_header);
        if (length < 0 || length > limits.MaxFrameBytes)
            throw new ChannelFormatError($"malformed message: length {length} is outside 0..{limits.MaxFrameBytes}");
        return length;
    }

    /// <summary>The rest of the message whose length <see cref="NextLength"/> gave, in a buffer that grows as bytes
    /// arrive (<see cref="MessageBuffer"/>).</summary>
    public byte[] ReadBody(int fd, int length, Deadline deadline)
    {
        _body ??= MessageBuffer.Start(length);
        while (_bodyFilled < length)
        {
            if (_bodyFilled == _body.Length) MessageBuffer.Grow(ref _body, length);
            _bodyFilled += ReadBodyBytes(fd, _body.AsSpan(_bodyFilled), deadline);
        }
        var message = _body;
        Reset();
        return message;
    }

    /// <summary>The rest of the message straight into <paramref name="target"/> (which holds exactly its length): no
    /// copy, unless an earlier receive had started it. On a timeout, what arrived is kept for the next receive.</summary>
    public void ReadBodyInto(int fd, Span<byte> target, Deadline deadline)
    {
        if (_body is not null)
        {
            ReadBody(fd, target.Length, deadline).CopyTo(target);
            return;
        }
        var filled = 0;
        try
        {
            while (filled < target.Length) filled += ReadBodyBytes(fd, target[filled..], deadline);
        }
        catch (TimeoutException)
        {
            _body = MessageBuffer.Start(target.Length);
            while (_body.Length < filled) MessageBuffer.Grow(ref _body, target.Length);
            target[..filled].CopyTo(_body);
            _bodyFilled = filled;
            throw;
        }
        Reset();
    }

    private void Reset()
    {
        _headerFilled = 0;
        _body = null;
        _bodyFilled = 0;
    }

    private static int ReadBodyBytes(int fd, Span<byte> buffer, Deadline deadline)
    {
        var n = ReadSome(fd, buffer, deadline, started: true);
        if (n == 0) throw new ChannelFormatError("got end of file during message");
        return n;
    }

    /// <summary>One read(2), after waiting for data until the deadline (poll(2)) unless the deadline is infinite; 0 at
    /// end of file.</summary>
    private static int ReadSome(int fd, Span<byte> buffer, Deadline deadline, bool started)
    {
        while (true)
        {
            if (!deadline.IsInfinite && !WaitReadable(fd, deadline))
                throw new TimeoutException(started
                    ? "the rest of the message did not arrive in time (what arrived is kept: the next receive continues the message)"
                    : "no message arrived in time");
            nint n;
            fixed (byte* p = buffer) n = Libc.read(fd, p, (nuint)buffer.Length);
            if (n >= 0) return (int)n;
            if (Libc.LastErrno != Libc.EINTR) throw Libc.Error("read", Libc.LastErrno);
        }
    }

    /// <summary>Whether the descriptor has data (or end of file) before the deadline (poll(2), retried on EINTR).</summary>
    public static bool WaitReadable(int fd, Deadline deadline)
    {
        while (true)
        {
            var pfd = new Libc.PollFd { Fd = fd, Events = Libc.POLLIN };
            var rc = Libc.poll(&pfd, 1, deadline.RemainingMilliseconds);
            if (rc > 0) return true;
            if (rc == 0) return false;
            if (Libc.LastErrno != Libc.EINTR) throw Libc.Error("poll", Libc.LastErrno);
        }
    }
}
