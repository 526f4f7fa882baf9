using Lab.Engine.Interop;
using Lab.Engine.Processes;
using Lab.Engine.Worker;

namespace Lab.Engine.Forking;

/// <summary>
/// The forkserver process: Lab.Engine.Worker run as `--forkserver PARENT_PID IDLE_WORKERS [PRELOAD...]`, with its
/// end of the parent's socketpair at fd 3. It has the clean state of a fresh runtime plus the preloaded assemblies.
/// It does not fork (a .NET runtime cannot, see Multiprocessing.GetContext): it keeps a stock of pre-started
/// workers (PreStartedWorker.cs), hands one over per start request and spawns a replacement in the background.
/// Exit codes: 0 at the parent's end-of-stream, 1 when its parent is already gone, 2 when the peer is refused,
/// 3 when a preload fails (the reason is sent to the parent first).
/// </summary>
internal static class ServerMain
{
    public const int ParentFd = 3;
    public const int RefusedExitCode = 2;

    public static int Run(string[] args)
    {
        WorkerMain.DefaultSignalDispositions();
        // Protected from Ctrl-C, as CPython's forkserver.main ("protect the process from ^C"): a terminal's SIGINT goes to
        // the whole foreground process group, server included, and a server killed by it loses the exit status of every
        // child it started (255, ServerChildExit). Its workers reset SIGINT to the default (PreStartedWorker).
        // Scenario signals.process-group-interrupt.
        Libc.signal(Libc.SIGINT, Libc.SIG_IGN);
        if (args.Length < 2 || !int.TryParse(args[0], out var parentPid) || !int.TryParse(args[1], out var idleWorkers) || idleWorkers < 1)
        {
            Console.Error.WriteLine("Lab.Engine.Worker --forkserver: expected PARENT_PID IDLE_WORKERS [PRELOAD...]");
            return 1;
        }
        // Dies with its parent, even one killed outright (man 2 prctl); a parent that died before the prctl
        // took effect shows as a different kernel parent.
        Libc.prctl(Libc.PR_SET_PDEATHSIG, Libc.SIGKILL, 0, 0, 0);
        if (Libc.getppid() != parentPid) return 1;
        // Moved away from 3, close-on-exec: the workers this server spawns must not inherit the parent's channel.
        var socket = Libc.fcntl(ParentFd, Libc.F_DUPFD_CLOEXEC, 10);
        if (socket < 0) return 1;
        Libc.close(ParentFd);
        using var parent = new Packets(socket);
        if (PeerCheck.Refusal(socket, parentPid, Libc.getuid()) is { } refusal)
        {
            Console.Error.WriteLine($"Lab.Engine.Worker --forkserver: connection refused: {refusal}");
            return RefusedExitCode;
        }
        var preload = args[2..];
        try
        {
            Preload.LoadAll(preload);
        }
        catch (PreloadError e)
        {
            parent.Send(Packets.Message("error", ("error", e.Message)));
            return 3;
        }
        return new Server(parent, idleWorkers, preload).Serve();
    }
}
