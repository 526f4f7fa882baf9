using System.Runtime.InteropServices;

namespace Lab.Engine.Interop;

internal static partial class Libc
{
    internal const int O_RDONLY = 0;
    internal const int O_RDWR = 2;
    internal const int O_CLOEXEC = 0x80000;

    internal const int F_GETFD = 1;
    internal const int F_SETFD = 2;
    internal const int FD_CLOEXEC = 1;
    internal const int F_DUPFD_CLOEXEC = 1030;
    internal const int F_GETFL = 3;
    internal const int F_SETFL = 4;
    internal const int O_NONBLOCK = 0x800;

    [LibraryImport(Name, SetLastError = true)]
    internal static unsafe partial int pipe2(int* fds, int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport(Name, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags);
}
