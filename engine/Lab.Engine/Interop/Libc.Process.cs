using System.Runtime.InteropServices;

namespace Lab.Engine.Interop;

internal static partial class Libc
{
    [LibraryImport(Name)]
    internal static partial int getpid();

    [LibraryImport(Name)]
    internal static partial int getppid();

    internal const int PR_SET_PDEATHSIG = 1;

    /// <summary>prctl(2). PR_SET_PDEATHSIG is tied to the *thread* that created the child
    /// (man 2 prctl), which is why the engine spawns from one long-lived thread.</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int fork();

    [LibraryImport(Name)]
    internal static partial void _exit(int status);

    private const long SYS_pidfd_open = 434;

    [LibraryImport(Name, EntryPoint = "syscall", SetLastError = true)]
    private static partial long syscall_pidfd_open(long number, int pid, uint flags);

    /// <summary>pidfd_open(2), Linux 5.3+: a descriptor that becomes readable when the process exits,
    /// for processes that are not our children (so waitpid cannot be used).</summary>
    internal static int pidfd_open(int pid) => (int)syscall_pidfd_open(SYS_pidfd_open, pid, 0);
}

internal static partial class Libc
{
    /// <summary>prctl(PR_SET_CHILD_SUBREAPER): orphaned descendants are re-parented to this process instead of
    /// PID 1 (man 2 prctl), so the lab can reap what its children leave behind.</summary>
    internal const int PR_SET_CHILD_SUBREAPER = 36;
}
