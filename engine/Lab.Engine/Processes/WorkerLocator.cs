namespace Lab.Engine.Processes;

/// <summary>
/// Finds the JIT worker executable that runs one target per child (the Native AOT worker: AotWorker.cs). In a Native AOT
/// process, the process's own binary. Otherwise, in order: the LAB_ENGINE_WORKER environment
/// variable (a path to the apphost or to Lab.Engine.Worker.dll), then the apphost next to the running
/// application, then the dll run through the `dotnet` host. The apphost starts fastest (no muxer).
/// </summary>
internal static class WorkerLocator
{
    private const string WorkerName = "Lab.Engine.Worker";

    private static readonly Lazy<string[]> Command = new(Locate);

    /// <summary>What every worker gets on top of the parent's environment. Start-up cost dominates a worker's life:
    /// no tiered PGO instrumentation. No diagnostics IPC (debugger, profiler, EventPipe) unless the parent's
    /// environment asks for it: the runtime creates dotnet-diagnostic-PID-*-socket and clr-debug-pipe-PID-* in /tmp and
    /// removes them only at a normal shutdown, so every worker that is killed (the lab kills thousands) or ends with
    /// _exit (a forkserver child) would leave three files behind.</summary>
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["DOTNET_TieredPGO"] = "0",
        ["DOTNET_EnableDiagnostics"] = DiagnosticsSetting(System.Environment.GetEnvironmentVariable("DOTNET_EnableDiagnostics")),
    };

    /// <summary>The worker's DOTNET_EnableDiagnostics: the parent's value when it sets one, else "0". An empty value counts
    /// as unset: the runtime reads an empty variable as its default, diagnostics on.</summary>
    internal static string DiagnosticsSetting(string? parentValue) => string.IsNullOrEmpty(parentValue) ? "0" : parentValue;

    /// <summary>argv[0..] of the worker, without the arguments.</summary>
    public static string[] WorkerCommand => Command.Value;

    /// <summary>argv of the worker of <paramref name="kind"/> (AotWorker.Command for Aot).</summary>
    public static string[] CommandFor(WorkerKind kind) => kind == WorkerKind.Aot
        ? AotWorker.Command ?? throw new ProcessStartError("no Native AOT worker is configured")
        : WorkerCommand;

    private static string[] Locate()
    {
        // The application as its own worker (SelfWorker.cs): a Native AOT process always (its children, its forkserver's
        // stock and its shared-memory tracker run the same binary, whose Main starts with the guard), a JIT application
        // once it called the guard.
        if ((Targets.CompiledTargets.IsAotProcess || SelfWorker.GuardCalled) && SelfWorker.Command() is { } self) return self;
        var configured = System.Environment.GetEnvironmentVariable("LAB_ENGINE_WORKER");
        if (!string.IsNullOrEmpty(configured))
            return FromPath(configured) ?? throw new ProcessStartError($"LAB_ENGINE_WORKER is set to '{configured}', which is not an existing worker apphost or .dll");
        foreach (var dir in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(WorkerLocator).Assembly.Location) })
        {
            if (string.IsNullOrEmpty(dir)) continue;
            var found = FromPath(Path.Combine(dir, WorkerName)) ?? FromPath(Path.Combine(dir, WorkerName + ".dll"));
            if (found is not null) return found;
        }
        throw new ProcessStartError(
            $"the engine's worker ({WorkerName}) was not found next to the application in {AppContext.BaseDirectory}. " +
            $"Reference the {WorkerName} project from your application (it is copied to the output), or set LAB_ENGINE_WORKER to its path.");
    }

    private static string[]? FromPath(string path)
    {
        if (!File.Exists(path)) return null;
        if (!path.EndsWith(".dll", StringComparison.Ordinal))
            return (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0 ? [Path.GetFullPath(path)] : null;
        return [DotnetHost(), Path.GetFullPath(path)];
    }

    private static string DotnetHost()
    {
        var fromEnv = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv)) return fromEnv;
        var root = System.Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet"))) return Path.Combine(root, "dotnet");
        if (System.Environment.ProcessPath is { } self && Path.GetFileName(self) == "dotnet") return self;
        return "/usr/bin/dotnet";
    }
}
