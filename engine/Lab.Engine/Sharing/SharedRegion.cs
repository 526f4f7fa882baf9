using Lab.Engine.Interop;
using Lab.Engine.Serialization;
using Microsoft.Win32.SafeHandles;

namespace Lab.Engine.Sharing;

/// <summary>
/// Anonymous shared memory (memfd_create + mmap MAP_SHARED) that children map through an inherited descriptor.
/// It has no name, so nothing is left in /dev/shm even if every process using it is killed: the kernel frees it
/// with the last descriptor and mapping. This is the memory of every lock, semaphore, event, condition,
/// barrier, Value and Array, and of a queue's counters.
/// </summary>
internal sealed unsafe class SharedRegion : IDisposable
{
    private readonly SafeFileHandle _fd;
    private nint _address;

    private SharedRegion(SafeFileHandle fd, nint address, long length)
    {
        _fd = fd;
        _address = address;
        Length = length;
    }

    public long Length { get; }

    public byte* Pointer => _address != 0 ? (byte*)_address : throw new ObjectDisposedException(nameof(SharedRegion));

    public int Descriptor => (int)_fd.DangerousGetHandle();

    /// <summary>A new zero-filled region of <paramref name="length"/> bytes.</summary>
    public static SharedRegion Create(long length, string debugName)
    {
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), length, "a shared region needs a positive size");
        var fd = Libc.memfd_create("lab-" + debugName, Libc.MFD_CLOEXEC);
        if (fd < 0) throw Libc.Error("memfd_create", Libc.LastErrno);
        fd = Processes.UnixPipe.AboveLowRange(fd);
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (Libc.ftruncate(fd, length) != 0)
        {
            var errno = Libc.LastErrno;
            handle.Dispose();
            throw Libc.Error($"ftruncate({length})", errno);
        }
        return Map(handle, length);
    }

    /// <summary>Maps a region inherited from the parent (child side).</summary>
    public static SharedRegion FromInherited(int fd)
    {
        Libc.fcntl(fd, Libc.F_SETFD, Libc.FD_CLOEXEC);
        var length = Libc.lseek(fd, 0, Libc.SEEK_END);
        if (length <= 0) throw new ChannelFormatError($"inherited descriptor {fd} is not a shared memory region");
        return Map(new SafeFileHandle(fd, ownsHandle: true), length);
    }

    private static SharedRegion Map(SafeFileHandle fd, long length)
    {
        var address = Libc.mmap(0, (nuint)length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, (int)fd.DangerousGetHandle(), 0);
        if (address == Libc.MAP_FAILED)
        {
            var errno = Libc.LastErrno;
            fd.Dispose();
            throw Libc.Error($"mmap({length})", errno);
        }
        return new SharedRegion(fd, address, length);
    }

    /// <summary>A 32-bit word at a 4-byte-aligned offset, for futex-based algorithms.</summary>
    public int* Word(int offset) =>
        offset >= 0 && offset % 4 == 0 && offset + 4 <= Length ? (int*)(Pointer + offset) : throw new ArgumentOutOfRangeException(nameof(offset));

    /// <summary>Closes the descriptor and keeps the mapping (it stays valid without the descriptor, mmap(2)).</summary>
    public void CloseDescriptor() => _fd.Dispose();

    public void Dispose()
    {
        var address = Interlocked.Exchange(ref _address, 0);
        if (address != 0) Libc.munmap(address, (nuint)Length);
        _fd.Dispose();
    }
}
