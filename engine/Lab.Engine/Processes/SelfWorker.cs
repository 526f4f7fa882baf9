namespace Lab.Engine.Processes;

/// <summary>
/// The application as its own worker (issue #11 §2; seeds 59.8, "The Main Module Rule"). CPython's spawn starts a fresh
/// interpreter that re-imports the main module, which is why a script guards its top level with
/// <c>if __name__ == "__main__":</c>. An engine application can be its own worker the same way: the engine re-executes
/// its binary with <see cref="Marker"/> as the first argument, and Main starts with the guard,
/// <c>if (Multiprocessing.RunIfChild(args) is { } code) return code;</c>, which runs the requested target and exits in a
/// child. A Native AOT binary is always its own worker (it cannot load another program's targets); a JIT application
/// becomes one by calling the guard. A child whose Main starts a process before reaching the guard gets CPython's
/// protection: <see cref="CheckBootstrapped"/> refuses the start with the error CPython raises (spawn.py,
/// _check_not_importing_main), instead of starting a child that would do the same (a fork bomb).
/// </summary>
internal static class SelfWorker
{
    public const string Marker = "--lab-engine-child";

    private static volatile bool _guardCalled;
    private static volatile bool _runningAsChild;

    /// <summary>The guard: in a child started with <see cref="Marker"/>, runs the worker and returns its exit code;
    /// otherwise notes that this application can be its own worker and returns null.</summary>
    public static int? RunIfChild(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        _guardCalled = true;
        if (args is not [Marker, .. var rest]) return null;
        _runningAsChild = true;
        return Worker.WorkerEntry.Run(rest);
    }

    /// <summary>Whether this application called the guard (then, under the JIT, its own binary is its worker).</summary>
    public static bool GuardCalled => _guardCalled;

    /// <summary>Whether this process was started by the engine as a worker of its own application (read once: every
    /// Process.Start asks).</summary>
    public static bool StartedAsChild { get; } = Environment.GetCommandLineArgs() is [_, Marker, ..];

    /// <summary>Refuses a start in a child of its own application that has not reached the guard.</summary>
    public static void CheckBootstrapped()
    {
        if (_runningAsChild || _guardCalled || !StartedAsChild) return;
        throw new ProcessStartError(
            "An attempt has been made to start a new process before the current process has finished its bootstrapping phase. " +
            "This process was started by the engine as a worker of its own application (its first argument is " + Marker + "), " +
            "and its Main started a process before calling the guard. Start Main with " +
            "`if (Multiprocessing.RunIfChild(args) is { } exitCode) return exitCode;`, before anything else, " +
            "as a CPython script guards its top level with `if __name__ == '__main__':`.");
    }

    /// <summary>argv of this application as a worker: its binary (or `dotnet app.dll`), then the marker.</summary>
    public static string[]? Command()
    {
        var path = Environment.ProcessPath;
        if (string.IsNullOrEmpty(path)) return null;
        if (Targets.CompiledTargets.IsAotProcess) return [path, Marker];
        if (Path.GetFileNameWithoutExtension(path) != "dotnet") return [path, Marker];
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return string.IsNullOrEmpty(entry) ? null : [path, entry, Marker];
    }
}
