using Lab.Engine.Interop;
using Lab.Engine.Processes;
using Lab.Engine.Worker;

namespace Lab.Engine.Forking;

/// <summary>
/// A worker pre-started by the forkserver: Lab.Engine.Worker run as `--forkserver-worker SERVER_PID [PRELOAD...]`,
/// its server socket at fd 3 and /dev/null holding fd 4. It loads the preload, warms the child path, says "ready",
/// then waits for one job, confirms it ("taken"), and installs its descriptors (ForkServerLauncher's layout) where a spawned child has them,
/// before it runs exactly as a spawned child (WorkerMain). While idle it dies with the server (PR_SET_PDEATHSIG);
/// once it has a job it no longer does, so a non-daemon child outlives a dead server, as in CPython.
/// </summary>
internal static class PreStartedWorker
{
    public static int Run(string[] args)
    {
        WorkerMain.DefaultSignalDispositions();
        if (args.Length < 1 || !int.TryParse(args[0], out var serverPid)) return 1;
        Libc.prctl(Libc.PR_SET_PDEATHSIG, Libc.SIGKILL, 0, 0, 0);
        if (Libc.getppid() != serverPid) return 1;
        try
        {
            Preload.LoadAll(args[1..]);
        }
        catch (PreloadError e)
        {
            Console.Error.WriteLine($"Lab.Engine.Worker --forkserver-worker: {e.Message}");
            return 1;
        }
        WarmUp.Run();
        _ = HighestOpenDescriptor(); // JIT-compiled now, not on the job's clock

        var descriptors = new List<int>();
        var server = new Packets(ControlProtocol.ChildInFd);
        if (server.Send(Packets.Message("ready")) != 0) return 0;
        Dictionary<string, object?>? job;
        try
        {
            job = server.Receive(descriptors);
        }
        catch (Exception e) when (e is IOException or Serialization.ChannelFormatError)
        {
            return 1;
        }
        if (job is null || job["op"] is not "job") return 0; // the server is gone: nothing to run
        if (descriptors.Count < ForkServerLauncher.FixedDescriptors)
        {
            Console.Error.WriteLine($"Lab.Engine.Worker --forkserver-worker: the job carries {descriptors.Count} descriptors, expected at least {ForkServerLauncher.FixedDescriptors}");
            return 1;
        }
        // Detach from the server's life, then confirm: the server answers the parent only after "taken", so a
        // child the parent was told about never dies with the server. If the server is already gone, the parent
        // was not told either: run nothing (it may retry on a new server).
        Libc.prctl(Libc.PR_SET_PDEATHSIG, 0, 0, 0, 0);
        if (Libc.getppid() != serverPid || server.Send(Packets.Message("taken")) != 0) return 0;
        var fdBase = Install(descriptors);
        return WorkerMain.Run(fdBase);
    }

    /// <summary>stdout, stderr, bootstrap and control go to 1..4 (dup2 over fd 3 also closes the server socket);
    /// the inherited ones go above every descriptor open now, so no dup2 can replace one the runtime uses.
    /// Returns their base. Every received descriptor is at 5 or above (0..4 are taken), so none is a target.</summary>
    private static int Install(List<int> received)
    {
        var fdBase = HighestOpenDescriptor() + 1;
        int[] fixedTargets = [1, 2, ControlProtocol.ChildInFd, ControlProtocol.ChildOutFd];
        for (var i = 0; i < received.Count; i++)
        {
            var target = i < fixedTargets.Length ? fixedTargets[i] : fdBase + i - fixedTargets.Length;
            if (Libc.dup2(received[i], target) < 0) throw Libc.Error($"dup2({received[i]}, {target})", Libc.LastErrno);
        }
        foreach (var fd in received) Libc.close(fd);
        return fdBase;
    }

    private static int HighestOpenDescriptor() =>
        Directory.EnumerateFileSystemEntries("/proc/self/fd").Select(p => int.TryParse(Path.GetFileName(p), out var fd) ? fd : 0).Max();
}
