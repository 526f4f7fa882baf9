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
        OperatingSystem.IsLinux() ? [StartMethod.Spawn] : [];

    public static StartMethod DefaultStartMethod => StartMethod.Spawn;

    public static ProcessContext GetContext(StartMethod method)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("the engine runs children through Linux interfaces (posix_spawn, wait4, prctl); this OS is not supported");
        return method switch
        {
            StartMethod.Spawn => ProcessContext.Spawn,
            StartMethod.Fork => throw new StartMethodNotAvailableError(
                "the 'fork' start method is not available on the engine: a .NET runtime cannot continue safely after fork(). " +
                "The child keeps only the calling thread and loses the runtime's GC, finalizer and signal threads, and the " +
                "runtime's code heap is mapped through shared memory (W^X), so the two processes corrupt each other: in this " +
                "lab's finding the forking process dies by SIGSEGV (scenario start-methods.fork-crash-demo). " +
                "Use 'spawn' or 'forkserver' instead, as CPython users do on Windows, where fork does not exist either."),
            StartMethod.ForkServer => throw new StartMethodNotAvailableError(
                "the 'forkserver' start method is not implemented by the engine yet; use 'spawn'"),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
    }

    public static ProcessContext GetContext() => GetContext(DefaultStartMethod);
}

/// <summary>The start method exists in CPython but not here (CPython raises ValueError for an unknown method).</summary>
public sealed class StartMethodNotAvailableError(string message) : InvalidOperationException(message);
