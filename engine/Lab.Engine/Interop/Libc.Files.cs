using System.Runtime.InteropServices;

namespace Lab.Engine.Interop;

/// <summary>File-level calls used by named shared memory (SharedMemory/) and its resource tracker.</summary>
internal static partial class Libc
{
    internal const int EACCES = 13;

    /// <summary>NAME_MAX (linux/limits.h): the longest file name, in bytes, that /dev/shm (tmpfs) accepts.</summary>
    internal const int NAME_MAX = 255;

    /// <summary>PIPE_BUF (linux/limits.h): a write(2) of at most this many bytes to a pipe is atomic (man 7 pipe),
    /// so lines from several writers of the tracker's pipe never interleave.</summary>
    internal const int PIPE_BUF = 4096;

    /// <summary>signal(2) disposition that ignores the signal (asm-generic/signal-defs.h).</summary>
    internal const nint SIG_IGN = 1;

    /// <summary>fchmod(2): sets the mode exactly, whatever the umask did to open(2)'s mode argument.</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int fchmod(int fd, uint mode);
}
