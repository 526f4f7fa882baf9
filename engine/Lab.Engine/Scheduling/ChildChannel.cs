using Lab.Engine.Interop;
using Lab.Engine.Processes;

namespace Lab.Engine.Scheduling;

/// <summary>
/// The parent's end of one scheduled child's channel (<see cref="RemoteProtocol"/>). Not thread-safe: one driver
/// thread reads and answers. Disposing closes it; a child waiting for an answer then sees EOF and exits
/// (<see cref="RemoteEngineScheduler"/>), so a dead or detached parent never leaves a child hanging.
/// </summary>
internal sealed class ChildChannel : IDisposable
{
    private int _fd;
    private bool _eofSeen;

    private ChildChannel(int fd) => _fd = fd;

    /// <summary>A socketpair: the parent's end (close-on-exec) and the child's end, which posix_spawn dup2()s to the
    /// child's fixed scheduler descriptor. Both above the low range so they never collide with a dup2 target.</summary>
    internal static unsafe (ChildChannel Parent, int ChildFd) CreatePair()
    {
        var fds = stackalloc int[2];
        if (Libc.socketpair(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, fds) != 0) throw Libc.Error("socketpair", Libc.LastErrno);
        return (new ChildChannel(UnixPipe.AboveLowRange(fds[0])), UnixPipe.AboveLowRange(fds[1]));
    }

    /// <summary>Waits up to <paramref name="timeout"/> (null: forever) for the child's next message.</summary>
    /// <returns>The message, or null at EOF: the child exited, was killed, or closed its end.</returns>
    /// <exception cref="TimeoutException">Nothing came in time: the child is running (or blocked) outside the scheduler.</exception>
    public ChildMessage? Receive(TimeSpan? timeout)
    {
        var fd = CheckOpen();
        var ms = timeout is { } t ? (int)Math.Clamp(Math.Ceiling(t.TotalMilliseconds), 0, int.MaxValue) : -1;
        if (!RemoteProtocol.WaitReadable(fd, ms))
            throw new TimeoutException($"the scheduled child sent nothing for {timeout?.TotalSeconds:0.###} s");
        return ReadOne(fd);
    }

    /// <summary>A message that has already arrived, without waiting; false if none has (or at EOF, which
    /// <see cref="Receive"/> reports).</summary>
    public bool TryReceive(out ChildMessage message)
    {
        var fd = CheckOpen();
        message = default;
        if (!RemoteProtocol.WaitReadable(fd, 0)) return false;
        if (ReadOne(fd) is not { } m) { _eofSeen = true; return false; }
        message = m;
        return true;
    }

    /// <summary>True once <see cref="TryReceive"/> met EOF.</summary>
    public bool EofSeen => _eofSeen;

    /// <summary>Lets the child run on from its request (for a blocked child: it was woken and re-checks its word).
    /// Returns false if the child is gone.</summary>
    public bool Go() => RemoteProtocol.WriteAll(CheckOpen(), [RemoteProtocol.Go]);

    /// <summary>Lets a blocked timed wait time out: the child waits out its real deadline and returns from the wait.</summary>
    public bool TimeOut() => RemoteProtocol.WriteAll(CheckOpen(), [RemoteProtocol.TimeOut]);

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) Libc.close(fd);
    }

    private static ChildMessage? ReadOne(int fd)
    {
        Span<byte> buffer = stackalloc byte[RemoteProtocol.MessageBytes];
        return RemoteProtocol.ReadExactly(fd, buffer) ? RemoteProtocol.Decode(buffer) : null;
    }

    private int CheckOpen() => _fd >= 0 ? _fd : throw new ObjectDisposedException(nameof(ChildChannel));
}
