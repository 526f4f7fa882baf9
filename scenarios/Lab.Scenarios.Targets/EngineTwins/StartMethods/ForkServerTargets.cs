using Lab.Engine;

namespace Lab.Scenarios.EngineTwins.StartMethods;

/// <summary>Child targets of the forkserver scenarios (twins in scenarios/cpython/twins/pool.py).</summary>
public static class ForkServerTargets
{
    public const string Initial = "initial";
    public const string ParentRuntime = "parent_runtime";

    /// <summary>Static state the parent changes before each start; a forkserver child is forked from the server,
    /// which never saw the parent's assignments.</summary>
    public static string ServerState = Initial;

    /// <summary>An assembly nothing in a worker loads by itself: found loaded when the target starts only if the
    /// server preloaded it.</summary>
    public const string ProbeAssembly = "System.Net.Mail";

    [ProcessTarget]
    public static void ReportServerState() => throw new Lab.Engine.Processes.SystemExit(ServerState == ParentRuntime ? 10 : ServerState == Initial ? 20 : 3);

    [ProcessTarget]
    public static void ReportPreloaded() =>
        throw new Lab.Engine.Processes.SystemExit(AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == ProbeAssembly) ? 10 : 20);
}
