using Lab.Engine.Interop;

namespace Lab.Engine.Tests;

/// <summary>
/// Waits for a process that is not our child (so waitpid cannot be used) to end, with a hard deadline. Uses
/// pidfd_open(2), which refers to that exact process (no pid-reuse confusion) and becomes readable when it exits;
/// where pidfd_open is unavailable, it polls /proc/&lt;pid&gt;/stat with short waits until the deadline. A zombie
/// counts as ended: whoever reaps orphans here (pid 1 or a subreaper) is not ours to wait for.
/// </summary>
internal sealed class NonChildWatch : IDisposable
{
    private readonly int _pid;
    private int _pidfd;

    public NonChildWatch(int pid)
    {
        _pid = pid;
        _pidfd = Libc.pidfd_open(pid);
    }

    public unsafe bool HasEnded
    {
        get
        {
            if (_pidfd >= 0)
            {
                var fd = new Libc.PollFd { Fd = _pidfd, Events = Libc.POLLIN };
                return Libc.poll(&fd, 1, 0) > 0 && (fd.Revents & Libc.POLLIN) != 0;
            }
            return ProcStat.Read(_pid) is not { } stat || stat.IsZombie;
        }
    }

    public unsafe bool WaitEnded(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (HasEnded) return true;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) return false;
            if (_pidfd >= 0)
            {
                var fd = new Libc.PollFd { Fd = _pidfd, Events = Libc.POLLIN };
                Libc.poll(&fd, 1, (int)Math.Ceiling(left.TotalMilliseconds));
            }
            else
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(20));
            }
        }
    }

    /// <summary>SIGKILLs the process unless it has already ended: the cleanup path of a failed test.</summary>
    public void KillIfAlive()
    {
        if (!HasEnded) Libc.kill(_pid, Libc.SIGKILL);
    }

    public void Dispose()
    {
        if (_pidfd >= 0) Libc.close(_pidfd);
        _pidfd = -1;
    }
}

/// <summary>Waits with a hard deadline until the pid of a former child of ours is no longer our child at all
/// (neither running nor a zombie): the engine's reaper thread has collected it.</summary>
internal static class Reaped
{
    public static bool Within(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (ProcStat.Read(pid) is { } stat && stat.ParentPid == Environment.ProcessId)
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(TimeSpan.FromMilliseconds(10));
        }
        return true;
    }
}
