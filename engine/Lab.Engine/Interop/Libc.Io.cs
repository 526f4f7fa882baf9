using System.Runtime.InteropServices;

namespace Lab.Engine.Interop;

internal static partial class Libc
{
    internal const int AF_UNIX = 1;
    internal const int SOCK_STREAM = 1;
    internal const int SOCK_CLOEXEC = 0x80000;

    [LibraryImport(Name, SetLastError = true)]
    internal static unsafe partial nint read(int fd, byte* buffer, nuint count);

    [LibraryImport(Name, SetLastError = true)]
    internal static unsafe partial nint write(int fd, byte* buffer, nuint count);

    /// <summary>socketpair(2): the two ends of a duplex Pipe (CPython: socket.socketpair() in Pipe(duplex=True)).</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static unsafe partial int socketpair(int domain, int type, int protocol, int* sv);
}
