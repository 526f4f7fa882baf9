using Lab.Engine.Interop;

namespace Lab.Engine.Diagnostics;

/// <summary>What happened to a raw fork() child of this .NET process that tried to run managed code.</summary>
internal sealed record ForkProbeResult(int? ExitCode, bool TimedOut, string Description);

/// <summary>
/// Demonstrates why the engine refuses the `fork` start method (DESIGN.md, "Why the engine has no fork";
/// seeds 59.5: "Forking a multi-threaded process is especially delicate. Only the thread that calls fork()
/// survives in the child"). The child of a raw fork() runs a little managed code (allocation, a collection, a
/// string format) and exits 0 if it got through; the parent observes what really happened. A hang is a
/// finding too: the child is killed at the timeout.
/// </summary>
internal static class ForkProbe
{
    public const int ChildCompletedCode = 0;

    public static ForkProbeResult Run(TimeSpan timeout)
    {
        // Everything the parent needs after fork() is prepared before it, so the parent side stays simple.
        var pid = Libc.fork();
        if (pid == 0) RunManagedCodeInChild();
        if (pid < 0) throw Libc.Error("fork", Libc.LastErrno);

        using var watch = PidWatch.Open(pid);
        var exited = watch is null || watch.WaitForExit(timeout);
        if (!exited) Libc.kill(pid, Libc.SIGKILL);
        int status, rc;
        do rc = Libc.wait4(pid, out status, 0, out _);
        while (rc < 0 && Libc.LastErrno == Libc.EINTR);
        var code = rc == pid ? Processes.ExitStatus.ToExitCode(status) : (int?)null;
        var description = !exited
            ? $"the forked child hung running managed code and was killed after {timeout.TotalSeconds:0.#} s"
            : code switch
            {
                ChildCompletedCode => "the forked child ran managed code to the end (the hazard did not show this time)",
                < 0 => $"the forked child died by signal {-code} running managed code",
                _ => $"the forked child exited with code {code}",
            };
        return new ForkProbeResult(code, !exited, description);
    }

    private static void RunManagedCodeInChild()
    {
        var garbage = new List<string>();
        for (var i = 0; i < 10_000; i++) garbage.Add(i.ToString("x"));
        GC.Collect();
        Console.Out.Flush();
        Libc._exit(garbage.Count == 10_000 ? ChildCompletedCode : 1);
    }
}
