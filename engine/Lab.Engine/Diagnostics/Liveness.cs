using Lab.Engine.Interop;

namespace Lab.Engine.Diagnostics;

/// <summary>Whether a pid names a running process: it exists (kill(pid, 0) does not fail with ESRCH) and is not a
/// zombie. Used to tell a lock holder that is slow from one that is dead.</summary>
internal static class Liveness
{
    public static bool IsRunning(int pid)
    {
        if (pid <= 0) return false;
        if (Libc.kill(pid, 0) != 0 && Libc.LastErrno == Libc.ESRCH) return false;
        return ProcStat.Read(pid) is { IsZombie: false };
    }
}
