using Lab.Engine.Interop;
using Lab.Engine.Processes;

namespace Lab.Engine.Connections;

/// <summary>CPython's multiprocessing.Pipe (connection.py): duplex over a Unix socket pair, one-way over a pipe,
/// in which case the first connection can only receive and the second only send.</summary>
public static class Pipe
{
    public static unsafe (Connection First, Connection Second) Create(bool duplex = true)
    {
        var fds = stackalloc int[2];
        if (duplex)
        {
            if (Libc.socketpair(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, fds) != 0) throw Libc.Error("socketpair", Libc.LastErrno);
            return (new Connection(UnixPipe.AboveLowRange(fds[0]), true, true), new Connection(UnixPipe.AboveLowRange(fds[1]), true, true));
        }
        var pipe = UnixPipe.Create();
        return (new Connection(pipe.TakeRead(), readable: true, writable: false), new Connection(pipe.TakeWrite(), readable: false, writable: true));
    }
}
