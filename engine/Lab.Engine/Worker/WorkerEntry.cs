namespace Lab.Engine.Worker;

/// <summary>Lab.Engine.Worker's modes: a spawned child (no arguments), the forkserver (Forking/ServerMain.cs)
/// and a worker that the forkserver pre-starts (Forking/PreStartedWorker.cs).</summary>
internal static class WorkerEntry
{
    public static int Run(string[] args) => args switch
    {
        ["--forkserver", .. var rest] => Forking.ServerMain.Run(rest),
        ["--forkserver-worker", .. var rest] => Forking.PreStartedWorker.Run(rest),
        ["--list-targets"] => ListTargets(),
        _ => WorkerMain.Run(),
    };

    /// <summary>The keys of the compiled-in target table, one a line (a JIT parent's AotWorker reads them; empty in the
    /// JIT worker).</summary>
    private static int ListTargets()
    {
        foreach (var key in Targets.CompiledTargets.Keys) Console.Out.WriteLine(key);
        return 0;
    }
}
