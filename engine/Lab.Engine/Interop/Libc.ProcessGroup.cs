using System.Runtime.InteropServices;

namespace Lab.Engine.Interop;

internal static partial class Libc
{
    /// <summary>setpgid(2); setpgid(0, 0) makes the caller the leader of a new process group.</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setpgid(int pid, int pgid);

    [LibraryImport(Name)]
    internal static partial int getpgrp();

    /// <summary>killpg(3): the signal goes to every process of the group, the caller included.</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int killpg(int pgrp, int sig);

}
