using Lab.Engine.Connections;
using Lab.Engine.Interop;

namespace Lab.Engine.Pools;

/// <summary>
/// The pool's side of one worker: its process, its duplex channel (non-blocking on this end only: a socketpair's two
/// ends are separate open file descriptions), the chunks it holds in the order they were sent, and the function keys
/// it already knows. Touched only by the supervisor thread. The outstanding list is what makes the broken-pool rule
/// exact: when the worker dies, these are precisely the tasks that died with it.
/// </summary>
internal sealed unsafe class WorkerLink(Process process, Connection channel)
{
    public Process Process { get; } = process;
    public int Pid { get; } = process.Pid ?? -1;
    public Connection Channel { get; } = channel;
    public int Fd { get; } = channel.Fileno;
    public Queue<Chunk> Outstanding { get; } = new();
    public HashSet<int> KnownFunctions { get; } = [];
    public FrameBuffer Input { get; } = new();
    public OutBuffer Output { get; } = new();

    /// <summary>Chunks sent (CPython's per-worker task count for maxtasksperchild).</summary>
    public int Sent { get; set; }
    public bool Retiring { get; set; }
    public bool Stopping { get; set; }
    public bool Gone { get; set; }

    /// <summary>The initializer's failure, as the worker reported it before exiting.</summary>
    public string? InitFailure { get; set; }

    /// <summary>Writes what it can without blocking. False if the worker is gone (EPIPE/ECONNRESET): its end of file
    /// follows on the read side.</summary>
    public bool Flush()
    {
        while (Output.Count > 0)
        {
            var pending = Output.Pending;
            nint n;
            fixed (byte* p = pending) n = Libc.write(Fd, p, (nuint)pending.Length);
            if (n >= 0) { Output.Consumed((int)n); continue; }
            var errno = Libc.LastErrno;
            if (errno == Libc.EINTR) continue;
            if (errno == Libc.EAGAIN) return true;
            if (errno is Libc.EPIPE or Libc.ECONNRESET)
            {
                Output.Consumed(Output.Count);
                return false;
            }
            throw Libc.Error($"write(pool worker {Pid})", errno);
        }
        return true;
    }

    /// <summary>Reads everything available without blocking. False at end of file (the worker exited or died).</summary>
    public bool Fill()
    {
        while (true)
        {
            var space = Input.FreeSpace();
            nint n;
            fixed (byte* p = space) n = Libc.read(Fd, p, (nuint)space.Length);
            if (n > 0)
            {
                Input.Advance((int)n);
                if (n < space.Length) return true;
                continue;
            }
            if (n == 0) return false;
            var errno = Libc.LastErrno;
            if (errno == Libc.EINTR) continue;
            if (errno == Libc.EAGAIN) return true;
            if (errno == Libc.ECONNRESET) return false;
            throw Libc.Error($"read(pool worker {Pid})", errno);
        }
    }
}
