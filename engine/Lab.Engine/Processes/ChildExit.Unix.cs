using Lab.Engine.Interop;

namespace Lab.Engine.Processes;

/// <summary>How the end of a child is observed and its exit code collected. A spawned child is this process's
/// own (<see cref="OwnChildExit"/>); a forkserver child is the server's (Forking/ServerChildExit.cs).</summary>
internal interface IChildExit
{
    /// <summary>Blocks until the child has exited, keeping its pid reserved until <see cref="Collect"/>.
    /// Returns a problem description, or null.</summary>
    string? WaitUntilExited();

    /// <summary>Called once, under the child's lock, after its exit report (if any) was read.</summary>
    (int Code, string? Problem) Collect(ExitReport? report);

    /// <summary>Called under the child's lock, only before <see cref="Collect"/>.</summary>
    void Signal(int signal);
}

/// <summary>A child of this process: waitid(WNOWAIT) waits without reaping, so the pid stays ours (a zombie)
/// until wait4 reaps it under the child's lock, and a concurrent kill() can never hit a reused pid.</summary>
internal sealed class OwnChildExit(int pid) : IChildExit
{
    public unsafe string? WaitUntilExited()
    {
        var info = stackalloc byte[Libc.SigInfoBytes];
        while (Libc.waitid(Libc.P_PID, pid, info, Libc.WEXITED | Libc.WNOWAIT) != 0)
        {
            var errno = Libc.LastErrno;
            if (errno != Libc.EINTR) return $"waitid failed: {Libc.Describe(errno)}";
        }
        return null;
    }

    public (int Code, string? Problem) Collect(ExitReport? report)
    {
        int rc, status;
        do rc = Libc.wait4(pid, out status, 0, out _);
        while (rc < 0 && Libc.LastErrno == Libc.EINTR);
        // ECHILD only if someone else reaped our child (a SIG_IGN'd SIGCHLD would do that): report it, don't hide it.
        return rc == pid ? (ExitStatus.ToExitCode(status), null) : (int.MinValue, $"the child was reaped by someone else ({Libc.Describe(Libc.LastErrno)})");
    }

    public void Signal(int signal)
    {
        if (Libc.kill(pid, signal) != 0 && Libc.LastErrno != Libc.ESRCH)
            throw Libc.Error($"kill({pid}, {signal})", Libc.LastErrno);
    }
}
