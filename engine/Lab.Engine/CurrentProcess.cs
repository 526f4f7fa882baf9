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

    /// <summary>The parent's pid as the kernel sees it now (1 or a subreaper once the parent is gone).</summary>
    internal static int KernelParentPid => Libc.getppid();
}
