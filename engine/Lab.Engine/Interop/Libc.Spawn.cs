using System.Runtime.InteropServices;

namespace Lab.Engine.Interop;

/// <summary>posix_spawn(3). The opaque glibc structures are 80 (file actions) and 336 (attributes)
/// bytes on x86_64 and aarch64; the engine allocates a generous 1 KiB for each.</summary>
internal static partial class Libc
{
    internal const int OpaqueSpawnStructBytes = 1024;

    internal const short POSIX_SPAWN_SETSIGDEF = 0x04;
    internal const short POSIX_SPAWN_SETSIGMASK = 0x08;

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_init(nint actions);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_destroy(nint actions);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_adddup2(nint actions, int fd, int newfd);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_init(nint attr);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_destroy(nint attr);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_setflags(nint attr, short flags);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_setsigmask(nint attr, nint sigset);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_setsigdefault(nint attr, nint sigset);

    [LibraryImport(Name)]
    internal static partial int sigemptyset(nint set);

    [LibraryImport(Name)]
    internal static partial int sigaddset(nint set, int signum);

    /// <summary>Returns an errno value directly (0 on success), as POSIX specifies; it does not set errno.</summary>
    [LibraryImport(Name)]
    internal static unsafe partial int posix_spawn(out int pid, byte* path, nint fileActions, nint attr, byte** argv, byte** envp);
}
