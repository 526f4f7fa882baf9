using System.Runtime.InteropServices;
using Lab.Engine.Interop;
using Lab.Engine.Processes;

namespace Lab.Engine.Diagnostics;

/// <summary>
/// Adopts and reaps the engine workers that our children orphan (a daemon killed with its parent, the
/// forked copy of a crashed process), so none is left as a zombie waiting for PID 1 — which, in some
/// sandboxes and in containers without an init, reaps late or never.
/// Opt-in, because it changes the whole process: it becomes a child subreaper (PR_SET_CHILD_SUBREAPER) and
/// watches SIGCHLD. It only reaps zombies that run the engine's worker and that the engine did not start
/// itself, so it never steals the exit status of a child started by anything else (System.Diagnostics.Process,
/// or the engine's own reaper threads).
/// </summary>
public static class OrphanReaper
{
    private const string WorkerComm = "Lab.Engine.Work"; // the kernel keeps 15 characters of the name
    private static readonly object Gate = new();
    private static PosixSignalRegistration? _registration;

    public static void Enable()
    {
        lock (Gate)
        {
            if (_registration is not null) return;
            if (Libc.prctl(Libc.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
                throw Libc.Error("prctl(PR_SET_CHILD_SUBREAPER)", Libc.LastErrno);
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => ReapAdopted());
        }
        ReapAdopted();
    }

    /// <summary>Reaps every adopted worker that has exited; returns how many.</summary>
    public static int ReapAdopted()
    {
        var reaped = 0;
        var self = Environment.ProcessId;
        lock (ChildRegistry.SpawnGate)
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid) || ChildRegistry.IsTracked(pid)) continue;
                if (ProcStat.Read(pid) is not { IsZombie: true } stat || stat.ParentPid != self || stat.Comm != WorkerComm) continue;
                if (Libc.wait4(pid, out _, Libc.WNOHANG, out _) == pid) reaped++;
            }
        }
        return reaped;
    }
}
