using Lab.Engine.Interop;

namespace Lab.Engine;

/// <summary>What a target can learn about the process it runs in (CPython's current_process() and
/// parent_process()). In the application's main process, Name is "MainProcess".</summary>
public static class CurrentProcess
{
    public static string Name { get; internal set; } = "MainProcess";

    public static int Pid => Environment.ProcessId;

    /// <summary>The pid of the process that started this one, or null in the main process.</summary>
    public static int? ParentPid { get; internal set; }

    public static bool IsDaemon { get; internal set; }

    /// <summary>The start method that created this process, or null in the main process.</summary>
    public static StartMethod? StartMethod { get; internal set; }

    public static bool IsChild => ParentPid is not null;

    /// <summary>
    /// Asks that SIGINT and SIGTERM interrupt this process cooperatively instead of killing it (issue #13 §1): the first
    /// one cancels the returned token, and the first of the engine's waits on pool results (Map, Apply, AsyncResult.Get)
    /// or children (Process.Join) to see it throws <see cref="ProcessInterruptedException"/>, once, as CPython's
    /// KeyboardInterrupt: the cleanup after it waits as usual. In a child, a target that ends by that cancellation (the exception, or
    /// an OperationCanceledException of this token) exits with 1 after its finally blocks ran: CPython's KeyboardInterrupt.
    /// A second signal takes the default action (the process dies by it). Without this call a child dies by the signal
    /// (-2, -15), its finally blocks not run. Idempotent; works in the main process too (a .NET application's Ctrl-C).
    /// </summary>
    public static CancellationToken HandleInterrupts() => Processes.Interrupts.Handle();

    /// <summary>Cancelled by the first SIGINT or SIGTERM once <see cref="HandleInterrupts"/> was called; never before.</summary>
    public static CancellationToken Interrupted => Processes.Interrupts.Token;

    /// <summary>The parent's pid as the kernel sees it now (1 or a subreaper once the parent is gone).</summary>
    internal static int KernelParentPid => Libc.getppid();
}
