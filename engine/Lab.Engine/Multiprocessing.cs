using Lab.Engine.Forking;

namespace Lab.Engine;

/// <summary>
/// Entry point mirroring the module-level functions of CPython's multiprocessing:
/// get_context, get_all_start_methods, get_start_method.
/// </summary>
public static class Multiprocessing
{
    /// <summary>The start methods the engine implements on this OS, default first (CPython's
    /// get_all_start_methods). `fork` is never listed: see <see cref="GetContext"/>.</summary>
    public static IReadOnlyList<StartMethod> AllStartMethods { get; } =
        OperatingSystem.IsLinux() ? [StartMethod.Spawn, StartMethod.ForkServer] : [];

    public static StartMethod DefaultStartMethod => StartMethod.Spawn;

    public static ProcessContext GetContext(StartMethod method) => GetContext(method, WorkerChoice.Auto);

    /// <summary>A context whose children run in the worker <paramref name="worker"/> chooses (issue #11).</summary>
    public static ProcessContext GetContext(StartMethod method, WorkerChoice worker)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("the engine runs children through Linux interfaces (posix_spawn, wait4, prctl); this OS is not supported");
        return method switch
        {
            StartMethod.Spawn => ProcessContext.For(StartMethod.Spawn, worker),
            StartMethod.Fork => throw new StartMethodNotAvailableError(
                "the 'fork' start method is not available on the engine: a .NET runtime cannot continue safely after fork(). " +
                "The child keeps only the calling thread and loses the runtime's GC, finalizer and signal threads, and the " +
                "runtime's code heap is mapped through shared memory (W^X), so the two processes corrupt each other: in this " +
                "lab's finding the forking process dies by SIGSEGV (scenario start-methods.fork-crash-demo). " +
                "Use 'spawn' or 'forkserver' instead, as CPython users do on Windows, where fork does not exist either."),
            StartMethod.ForkServer => ProcessContext.For(StartMethod.ForkServer, worker),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
    }

    public static ProcessContext GetContext() => GetContext(DefaultStartMethod);

    /// <summary>Assemblies (paths, or names such as "System.Xml.Linq") that the forkserver and its pre-started
    /// workers load before any target runs (CPython's set_forkserver_preload). Like CPython, it only affects a
    /// server started afterwards (call ForkServer.Stop() first to apply it to a running one). Unlike CPython,
    /// which ignores a preload that fails to import, an assembly that cannot be loaded makes the server's start
    /// fail with ProcessStartError naming it.</summary>
    public static void SetForkServerPreload(IEnumerable<string> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var list = assemblies.ToList();
        if (list.FirstOrDefault(string.IsNullOrWhiteSpace) is not null || list.Any(a => a is null))
            throw new ArgumentException("a forkserver preload entry is empty: give assembly paths or names", nameof(assemblies));
        ForkServer.Preload = list;
    }

    /// <summary>
    /// The guard that starts an application's Main when the application is its own worker (issue #11 §2; CPython's
    /// <c>if __name__ == "__main__":</c>, seeds 59.8): <c>if (Multiprocessing.RunIfChild(args) is { } exitCode) return exitCode;</c>.
    /// In a child the engine started from this binary it runs the requested target and returns the exit code; otherwise it
    /// returns null, and from then on this application's children run in its own binary (a Native AOT application always
    /// does: an AOT worker host is such an application). A child whose Main starts a process before the guard fails with
    /// CPython's "bootstrapping phase" error instead of starting children of its own.
    /// </summary>
    public static int? RunIfChild(string[] args) => Processes.SelfWorker.RunIfChild(args);

    /// <summary>Makes <paramref name="path"/>, a published Native AOT worker host, the AOT worker of this process's later
    /// children (null: none), as CPython's set_executable names the interpreter children run. By default it is the binary
    /// LAB_ENGINE_AOT_WORKER names. Its targets are listed once here; a missing or broken binary is a ProcessStartError.
    /// Which child gets it: engine/README.md, "Which worker runs a child".</summary>
    public static void SetAotWorker(string? path) => Processes.AotWorker.Configure(path);

    /// <summary>
    /// Stops everything this process started, within <paramref name="deadline"/> (issue #13 §1): running pools and
    /// executors are terminated, every other child is asked to stop with SIGTERM (one that called
    /// CurrentProcess.HandleInterrupts runs its finally blocks and exits with 1), and at the deadline what still runs is
    /// killed and reaped. Call it from an application's SIGINT/SIGTERM path, e.g. after a ProcessInterruptedException.
    /// Returns how each child ended; no child outlives the call.
    /// </summary>
    public static IReadOnlyList<ChildShutdown> ShutdownChildren(TimeSpan deadline) => Processes.GroupShutdown.Run(deadline);
}

/// <summary>The start method exists in CPython but not here (CPython raises ValueError for an unknown method).</summary>
public sealed class StartMethodNotAvailableError(string message) : InvalidOperationException(message);
