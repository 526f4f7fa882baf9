using Lab.Engine.Interop;
using Lab.Engine.Processes;
using Microsoft.Win32.SafeHandles;

namespace Lab.Engine.Forking;

/// <summary>
/// The end of a forkserver child, which is the server's child, not ours: we cannot waitpid it. The server reaps it
/// and sends its wait status. A pidfd opened as soon as the pid is known (pidfd_open(2)) pins the process for
/// signals (pidfd_send_signal never hits a reused pid) and tells when it exits if the server is gone.
/// Exit code when the server died before reporting (CPython reports 255 then, popen_forkserver.py poll):
/// 1. if this process is a child subreaper (OrphanReaper.Enable), the orphan was re-parented to us: reap it and
///    take its true status (a signal death stays -N);
/// 2. else the code from the child's own exit report (a normal exit, SystemExit or an exception);
/// 3. else 255, as CPython (a death by signal with nobody left to see it).
/// </summary>
internal sealed class ServerChildExit : IChildExit
{
    public const int LostExitCode = 255;

    private readonly int _pid;
    private readonly Task<int?> _status;
    private readonly SafeFileHandle? _pidfd;

    public ServerChildExit(int pid, Task<int?> status)
    {
        _pid = pid;
        _status = status;
        var fd = Libc.pidfd_open(pid);
        // ESRCH: the child already exited and the server reaped it; its status is on the way.
        _pidfd = fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : null;
    }

    public unsafe string? WaitUntilExited()
    {
        _status.Wait();
        if (_status.Result is not null || _pidfd is null) return null;
        var pollFd = new Libc.PollFd { Fd = (int)_pidfd.DangerousGetHandle(), Events = Libc.POLLIN };
        while (Libc.poll(&pollFd, 1, -1) < 0)
            if (Libc.LastErrno != Libc.EINTR) return $"poll(pidfd) failed: {Libc.Describe(Libc.LastErrno)}";
        return null;
    }

    public (int Code, string? Problem) Collect(ExitReport? report)
    {
        try
        {
            if (_status.Result is { } status) return (ExitStatus.ToExitCode(status), null);
            int rc, adopted;
            do rc = Libc.wait4(_pid, out adopted, Libc.WNOHANG, out _);
            while (rc < 0 && Libc.LastErrno == Libc.EINTR);
            if (rc == _pid) return (ExitStatus.ToExitCode(adopted), null);
            const string lost = "the forkserver died before it reported this child's exit status";
            return report is { } r ? (r.Code, lost + "; the code is the child's own exit report") : (LostExitCode, lost + " (255, as CPython)");
        }
        finally
        {
            _pidfd?.Dispose();
        }
    }

    public void Signal(int signal)
    {
        if (_pidfd is null) return;
        if (Libc.pidfd_send_signal((int)_pidfd.DangerousGetHandle(), signal) != 0 && Libc.LastErrno != Libc.ESRCH)
            throw Libc.Error($"pidfd_send_signal({_pid}, {signal})", Libc.LastErrno);
    }
}
