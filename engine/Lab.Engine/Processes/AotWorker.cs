using Lab.Engine.Targets;

namespace Lab.Engine.Processes;

/// <summary>
/// The Native AOT worker this process gives its children, if any (issue #11), and the targets compiled into it. In a
/// Native AOT process it is the process's own binary with its own table: an AOT child's children are AOT children. Else
/// it is the binary given to Multiprocessing.SetAotWorker, or by default the one LAB_ENGINE_AOT_WORKER names; its table
/// is read once by running it with <c>--list-targets</c> (the binary is the one truth about what it holds; about 10 ms).
/// </summary>
internal static class AotWorker
{
    public const string PathVariable = "LAB_ENGINE_AOT_WORKER";

    /// <summary>How long listing a host's targets may take (a start of a few ms; generous for a loaded machine).</summary>
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(30);

    private sealed record Configured(string[] Command, IReadOnlySet<string> Keys);

    private static readonly object Gate = new();
    private static Configured? _configured;
    private static bool _located;

    private static Configured? Current
    {
        get
        {
            lock (Gate)
            {
                if (!_located) (_configured, _located) = (Locate(), true);
                return _configured;
            }
        }
    }

    /// <summary>Makes <paramref name="path"/> the AOT worker of this process's later children (null: none).</summary>
    public static void Configure(string? path)
    {
        if (CompiledTargets.IsAotProcess) throw new InvalidOperationException("a Native AOT process is its own AOT worker");
        var configured = path is null ? null : Load(path, "the AOT worker");
        lock (Gate) (_configured, _located) = (configured, true);
    }

    /// <summary>argv of the AOT worker, or null when none is configured.</summary>
    public static string[]? Command => Current?.Command;

    public static bool IsConfigured => Current is not null;

    /// <summary>Whether the AOT worker can run <paramref name="target"/>.</summary>
    public static bool Holds(TargetMethod target) => Current is { } aot && aot.Keys.Contains(target.Key);

    /// <summary>The worker of the children an engine object starts for itself (a pool's or an executor's workers, a
    /// manager's server): under Auto the JIT worker outside an AOT process, since the functions those children will be
    /// sent are not known when they start; otherwise as for a Process (<see cref="Choose"/>).</summary>
    public static WorkerKind ChooseForService(WorkerChoice choice, TargetMethod service) =>
        choice == WorkerChoice.Auto && !CompiledTargets.IsAotProcess ? WorkerKind.Jit : Choose(choice, service);

    /// <summary>The worker a child with <paramref name="target"/> gets under <paramref name="choice"/>: the rule of
    /// engine/README.md ("Which worker runs a child"). Throws in the parent when the choice cannot be met.</summary>
    public static WorkerKind Choose(WorkerChoice choice, TargetMethod target)
    {
        if (CompiledTargets.IsAotProcess)
        {
            // An AOT process has no JIT worker next to it and its targets have no assembly path.
            if (choice == WorkerChoice.Jit)
                throw new ProcessStartError("WorkerChoice.Jit in a Native AOT process: its targets have no assembly file a JIT worker could load");
            return Holds(target) ? WorkerKind.Aot : throw CompiledTargets.NotCompiledIn(target);
        }
        return choice switch
        {
            WorkerChoice.Jit => WorkerKind.Jit,
            WorkerChoice.Auto => Holds(target) ? WorkerKind.Aot : WorkerKind.Jit,
            _ when !IsConfigured => throw new ProcessStartError(
                $"WorkerChoice.Aot, but no Native AOT worker is configured: set {PathVariable} to a published AOT worker host"),
            _ => Holds(target) ? WorkerKind.Aot : throw new InvalidTargetError(
                $"{target.DisplayName} is not compiled into the Native AOT worker {Command![0]} ({target.Key} is not among its targets). " +
                "Mark it [ProcessTarget] in an assembly the host references and publish the host again, or use WorkerChoice.Auto or Jit."),
        };
    }

    private static Configured? Locate()
    {
        if (CompiledTargets.IsAotProcess)
            return SelfWorker.Command() is { } self ? new Configured(self, CompiledTargets.Keys.ToHashSet(StringComparer.Ordinal)) : null;
        var path = Environment.GetEnvironmentVariable(PathVariable);
        return string.IsNullOrEmpty(path) ? null : Load(path, PathVariable);
    }

    private static Configured Load(string path, string what)
    {
        if (!File.Exists(path)) throw new ProcessStartError($"{what} is set to '{path}', which does not exist");
        path = Path.GetFullPath(path);
        return new Configured([path, SelfWorker.Marker], ListTargets(path));
    }

    private static HashSet<string> ListTargets(string path)
    {
        var info = new System.Diagnostics.ProcessStartInfo(path, [SelfWorker.Marker, "--list-targets"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var lister = System.Diagnostics.Process.Start(info)
                           ?? throw new ProcessStartError($"the AOT worker '{path}' could not be started to list its targets");
        var stdout = lister.StandardOutput.ReadToEndAsync();
        var stderr = lister.StandardError.ReadToEndAsync();
        if (!lister.WaitForExit(ListTimeout))
        {
            lister.Kill();
            lister.WaitForExit();
            throw new ProcessStartError($"the AOT worker '{path}' did not list its targets within {ListTimeout.TotalSeconds} s");
        }
        lister.WaitForExit();
        if (lister.ExitCode != 0)
            throw new ProcessStartError($"the AOT worker '{path}' failed to list its targets (exit {lister.ExitCode}): {stderr.Result.Trim()}");
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
    }
}
