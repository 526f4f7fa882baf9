using System.Runtime.InteropServices;

namespace Lab.Engine.Interop;

internal static partial class Libc
{
    internal const int PROT_READ = 0x1;
    internal const int PROT_WRITE = 0x2;
    internal const int MAP_SHARED = 0x01;
    internal static readonly nint MAP_FAILED = -1;

    internal const uint MFD_CLOEXEC = 0x0001;

    internal const int O_CREAT = 0x40;
    internal const int O_EXCL = 0x80;
    internal const int O_NOFOLLOW = 0x20000;
    internal const int EEXIST = 17;
    internal const int ENOENT = 2;

    /// <summary>memfd_create(2): anonymous shared memory with no name in /dev/shm, so nothing can leak by name;
    /// it lives as long as a descriptor or a mapping refers to it.</summary>
    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int memfd_create(string name, uint flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int ftruncate(int fd, long length);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, long offset);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int munmap(nint addr, nuint length);

    /// <summary>open(2) with a mode, for /dev/shm entries: glibc's shm_open is exactly this, and calling it
    /// directly avoids librt, where glibc before 2.34 (Debian bullseye) keeps shm_open.</summary>
    [LibraryImport(Name, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags, uint mode);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int unlink(string path);

    /// <summary>lseek(2), to read a shared memory object's size (fstat's symbol and struct layout vary across glibc
    /// versions and architectures; lseek(fd, 0, SEEK_END) does not).</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial long lseek(int fd, long offset, int whence);

    internal const int SEEK_END = 2;
}
