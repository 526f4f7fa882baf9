namespace Lab.Engine.Worker;

/// <summary>Lab.Engine.Worker's modes: a spawned child (no arguments), the forkserver (Forking/ServerMain.cs)
/// and a worker that the forkserver pre-starts (Forking/PreStartedWorker.cs).</summary>
internal static class WorkerEntry
{
    public static int Run(string[] args) => args switch
    {
        ["--forkserver", .. var rest] => Forking.ServerMain.Run(rest),
        ["--forkserver-worker", .. var rest] => Forking.PreStartedWorker.Run(rest),
        _ => WorkerMain.Run(),
    };
}
