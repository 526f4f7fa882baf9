using Lab.Engine.Interop;

namespace Lab.Engine.Diagnostics;

/// <summary>Process groups, for scenarios about what a terminal's Ctrl-C reaches (a terminal sends SIGINT to its whole
/// foreground process group; termios(3), "Special characters", INTR). The analogue of CPython's os.setpgrp and
/// os.killpg.</summary>
internal static class ProcessGroups
{
    /// <summary>Makes this process the leader of a new process group (setpgid(0, 0)) and returns the group's id; the
    /// children it starts afterwards are in that group.</summary>
    public static int LeadNewGroup()
    {
        if (Libc.setpgid(0, 0) != 0) throw Libc.Error("setpgid(0, 0)", Libc.LastErrno);
        return Libc.getpgrp();
    }

    /// <summary>The id of this process's group.</summary>
    public static int Current => Libc.getpgrp();

    /// <summary>
    /// Ignores SIGINT in this process (SIG_IGN), so that it outlives an interrupt of its own group and its later waits stay
    /// plain (as the forkserver does). CurrentProcess.HandleInterrupts would keep it alive too, but the first wait after
    /// the signal would then raise ProcessInterruptedException; a bare PosixSignalRegistration is never called in a worker
    /// (WorkerMain.DefaultSignalDispositions reset SIGINT behind the runtime's back; HandleInterrupts puts it back).
    /// </summary>
    public static void IgnoreInterrupts()
    {
        if (Libc.signal(Libc.SIGINT, Libc.SIG_IGN) == -1) throw Libc.Error("signal(SIGINT, SIG_IGN)", Libc.LastErrno);
    }

    /// <summary>Sends SIGINT to every process of group <paramref name="pgid"/> (this one included, if it is a member), as
    /// a terminal does on Ctrl-C. Refuses any group this process does not lead, so that it never signals the group of
    /// whoever started it.</summary>
    public static void InterruptOwnGroup(int pgid)
    {
        if (pgid != Environment.ProcessId || Libc.getpgrp() != pgid)
            throw new InvalidOperationException($"process {Environment.ProcessId} does not lead process group {pgid}");
        if (Libc.killpg(pgid, Libc.SIGINT) != 0) throw Libc.Error($"killpg({pgid}, SIGINT)", Libc.LastErrno);
    }
}
