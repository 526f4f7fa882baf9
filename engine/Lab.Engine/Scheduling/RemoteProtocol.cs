using System.Buffers.Binary;
using Lab.Engine.Interop;

namespace Lab.Engine.Scheduling;

/// <summary>What a scheduled child tells its parent (issue #5 §3). Every message but <see cref="Woke"/> and
/// <see cref="Outside"/> is a request: the child blocks until the parent answers it.</summary>
internal enum ChildMessageKind : byte
{
    /// <summary>The child has read its bootstrap and is about to run its target: its first scheduling point.</summary>
    Started = (byte)'S',

    /// <summary>A scheduling point (<see cref="ChildMessage.Point"/>) before an engine operation.</summary>
    Point = (byte)'P',

    /// <summary>A futex wait found its word unchanged: the child is blocked until someone wakes a word (or, for a timed
    /// wait, until the parent lets it time out).</summary>
    Blocked = (byte)'B',

    /// <summary>The child woke futex waiters (no answer expected).</summary>
    Woke = (byte)'W',

    /// <summary>The child is about to block outside the engine's points, on something only an uncontrolled party can
    /// end (a pool worker reading its channel with nothing buffered): it is not runnable until its next request
    /// (no answer expected).</summary>
    Outside = (byte)'O',
}

/// <summary>One message of a scheduled child; <see cref="Timed"/> is for <see cref="ChildMessageKind.Blocked"/>, <see cref="Count"/> for
/// <see cref="ChildMessageKind.Woke"/>.</summary>
internal readonly record struct ChildMessage(ChildMessageKind Kind, EnginePoint Point, bool Timed, int Count);

/// <summary>
/// The wire format between a scheduled child and its parent, over one AF_UNIX stream socket (the child's end at
/// <c>ControlProtocol.SchedulerFd</c>): child to parent, fixed 8-byte messages <c>kind, point, timed, 0, count (int32 LE)</c>;
/// parent to child, one byte per answer: <see cref="Go"/> (run on; for a blocked child: you were woken) or
/// <see cref="TimeOut"/> (a blocked timed wait may time out: nothing else can run). Fixed sizes far below the socket
/// buffer, so a write never blocks and is never split in practice (unix(7)); readers still loop over short reads.
/// </summary>
internal static unsafe class RemoteProtocol
{
    public const int MessageBytes = 8;
    public const byte Go = (byte)'G';
    public const byte TimeOut = (byte)'T';

    public static void Encode(ChildMessage message, Span<byte> into)
    {
        into[0] = (byte)message.Kind;
        into[1] = (byte)message.Point;
        into[2] = message.Timed ? (byte)1 : (byte)0;
        into[3] = 0;
        BinaryPrimitives.WriteInt32LittleEndian(into[4..], message.Count);
    }

    /// <exception cref="IOException">Not a message of this protocol.</exception>
    public static ChildMessage Decode(ReadOnlySpan<byte> from)
    {
        var kind = (ChildMessageKind)from[0];
        if (!Enum.IsDefined(kind) || !Enum.IsDefined((EnginePoint)from[1]))
            throw new IOException($"the scheduled child sent a malformed message (kind byte {from[0]}, point byte {from[1]})");
        return new ChildMessage(kind, (EnginePoint)from[1], from[2] != 0, BinaryPrimitives.ReadInt32LittleEndian(from[4..]));
    }

    /// <summary>Writes all of <paramref name="data"/>. Returns false if the peer is gone (EPIPE, ECONNRESET).</summary>
    public static bool WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var n = Libc.write(fd, p + done, (nuint)(data.Length - done));
                if (n > 0) { done += (int)n; continue; }
                var errno = Libc.LastErrno;
                if (n < 0 && errno == Libc.EINTR) continue;
                return false;
            }
        }
        return true;
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> (-1: forever) for the descriptor to be readable (or at EOF).</summary>
    public static bool WaitReadable(int fd, int timeoutMs)
    {
        var pfd = new Libc.PollFd { Fd = fd, Events = Libc.POLLIN };
        while (true)
        {
            var r = Libc.poll(&pfd, 1, timeoutMs);
            if (r > 0) return true;
            if (r == 0) return false;
            var errno = Libc.LastErrno;
            if (errno != Libc.EINTR) throw Libc.Error("poll", errno);
        }
    }

    /// <summary>Reads exactly <paramref name="into"/>.Length bytes. Returns false at EOF (or a reset connection) before the
    /// first byte; EOF in the middle is an error.</summary>
    public static bool ReadExactly(int fd, Span<byte> into)
    {
        fixed (byte* p = into)
        {
            var done = 0;
            while (done < into.Length)
            {
                var n = Libc.read(fd, p + done, (nuint)(into.Length - done));
                if (n > 0) { done += (int)n; continue; }
                if (n == 0) return done == 0 ? false : throw new IOException("the scheduler channel closed in the middle of a message");
                var errno = Libc.LastErrno;
                if (errno == Libc.EINTR) continue;
                if (errno == Libc.ECONNRESET && done == 0) return false;
                throw Libc.Error("read", errno);
            }
        }
        return true;
    }
}
