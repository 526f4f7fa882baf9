using Lab.Engine.Interop;
using Microsoft.Win32.SafeHandles;

namespace Lab.Engine.Diagnostics;

/// <summary>
/// Waits for a process that is not our child to exit (waitpid only works for children), through a pidfd
/// (pidfd_open(2), Linux 5.3+), which becomes readable when the process exits. Open it while the process is
/// known to be alive: the pidfd then refers to that process even if its pid is later reused.
/// </summary>
internal sealed class PidWatch : IDisposable
{
    private readonly SafeFileHandle _pidfd;

    private PidWatch(SafeFileHandle pidfd, int pid)
    {
        _pidfd = pidfd;
        Pid = pid;
    }

    public int Pid { get; }

    /// <summary>Returns null if the process no longer exists.</summary>
    public static PidWatch? Open(int pid)
    {
        var fd = Libc.pidfd_open(pid);
        if (fd >= 0) return new PidWatch(new SafeFileHandle(fd, ownsHandle: true), pid);
        var errno = Libc.LastErrno;
        return errno == Libc.ESRCH ? null : throw Libc.Error($"pidfd_open({pid})", errno);
    }

    /// <summary>True if the process has exited within the timeout.</summary>
    public unsafe bool WaitForExit(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            var fd = new Libc.PollFd { Fd = (int)_pidfd.DangerousGetHandle(), Events = Libc.POLLIN };
            var remaining = (int)Math.Max(0, deadline - Environment.TickCount64);
            var rc = Libc.poll(&fd, 1, remaining);
            if (rc > 0) return true;
            if (rc == 0) return false;
            if (Libc.LastErrno != Libc.EINTR) throw Libc.Error("poll(pidfd)", Libc.LastErrno);
        }
    }

    public void Dispose() => _pidfd.Dispose();
}
