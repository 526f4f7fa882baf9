using Lab.Engine.Interop;
using Lab.Engine.Serialization;
using Lab.Engine.Sharing;

namespace Lab.Engine.SharedMemory;

/// <summary>
/// A named block of shared memory, the analogue of CPython's multiprocessing.shared_memory.SharedMemory (seeds
/// 59.17; CPython Lib/multiprocessing/shared_memory.py): a file in /dev/shm that any process can map by name.
/// Only bytes are shared; the layout and the synchronization are the user's.
/// <para>
/// Contracts, as in CPython: <see cref="Close"/> unmaps this process's view and is idempotent; <see cref="Unlink"/>
/// removes the name (once, in one process; a second call is FileNotFoundException); <see cref="Dispose"/> is
/// Close, not Unlink. Mapped memory lives on in every process that still maps it after the name is unlinked.
/// </para>
/// <para>
/// Not CPython's: the file is created owner-only (0600) whatever the umask; only the creating process registers
/// the name with the resource tracker (CPython 3.8 to 3.12 also registers on attach, so an attaching process's
/// tracker could unlink a block it did not create); a Span taken from a block must not be used after Close
/// (CPython refuses to close while memoryviews are exported; a .NET Span cannot be tracked).
/// </para>
/// </summary>
public sealed unsafe class SharedMemoryBlock : IInheritable, IDisposable
{
    private const int Mode = 0b110_000_000; // 0600: owner read and write (CPython's _mode = 0o600)

    private nint _address;
    private readonly nuint _mappedLength;
    private BlockMemoryManager? _memory;

    /// <summary>Creates a block (<paramref name="create"/> true) or attaches to an existing one by name.</summary>
    /// <param name="name">Null with <paramref name="create"/> generates "lab_" + 16 hex digits.</param>
    /// <param name="size">Bytes to create; ignored when attaching (the block's own size is used, as in CPython).</param>
    /// <exception cref="ArgumentOutOfRangeException">size negative, or zero with create.</exception>
    /// <exception cref="ArgumentException">name null without create, or not a valid file name in /dev/shm.</exception>
    /// <exception cref="FileNotFoundException">attaching to a name that does not exist.</exception>
    /// <exception cref="SharedMemoryExistsError">creating a name that exists.</exception>
    public SharedMemoryBlock(string? name = null, bool create = false, long size = 0)
    {
        // The checks and messages of SharedMemory.__init__, in its order.
        if (size < 0) throw new ArgumentOutOfRangeException(nameof(size), size, "'size' must be a positive integer");
        if (create && size == 0) throw new ArgumentOutOfRangeException(nameof(size), size, "'size' must be a positive number different from zero");
        if (name is null && !create) throw new ArgumentException("'name' can only be None if create=True", nameof(name));
        if (name is not null) SharedMemoryNames.Validate(name);

        var fd = create ? Create(ref name) : Attach(name!);
        Name = name!;
        try
        {
            if (create)
            {
                if (Libc.fchmod(fd, Mode) != 0) throw Libc.Error($"fchmod({SharedMemoryNames.PathOf(Name)})", Libc.LastErrno);
                if (Libc.ftruncate(fd, size) != 0) throw Libc.Error($"ftruncate({SharedMemoryNames.PathOf(Name)}, {size})", Libc.LastErrno);
            }
            // st_size, as CPython's os.fstat(fd).st_size: on Linux exactly the size given at creation (tmpfs does not
            // round it to pages; macOS would).
            Size = Libc.lseek(fd, 0, Libc.SEEK_END);
            if (Size < 0) throw Libc.Error($"lseek({SharedMemoryNames.PathOf(Name)})", Libc.LastErrno);
            if (Size == 0) throw new ArgumentException($"cannot mmap an empty file: the shared memory block '{Name}' has size 0", nameof(name));
            _mappedLength = (nuint)Size;
            _address = Libc.mmap(0, _mappedLength, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
            if (_address == Libc.MAP_FAILED)
            {
                _address = 0;
                throw Libc.Error($"mmap({SharedMemoryNames.PathOf(Name)}, {Size})", Libc.LastErrno);
            }
        }
        catch when (create)
        {
            // CPython: "except OSError: self.unlink(); raise" — a half-made block does not stay behind.
            Libc.unlink(SharedMemoryNames.PathOf(Name));
            SharedMemoryTracker.Unregister(Name);
            throw;
        }
        finally
        {
            // The mapping keeps the object alive; the descriptor is not needed after mmap (man 2 mmap).
            Libc.close(fd);
        }
    }

    /// <summary>The name without the leading '/' (CPython's .name); the file is /dev/shm/Name.</summary>
    public string Name { get; }

    /// <summary>The block's size in bytes: st_size of the file, which on Linux is the size it was created with
    /// (the mapping itself is rounded up to whole pages, but only Size bytes are exposed).</summary>
    public long Size { get; }

    public bool IsClosed => Volatile.Read(ref _address) == 0;

    /// <summary>The start of this process's mapping. ObjectDisposedException after Close.</summary>
    public byte* Pointer => _address != 0 ? (byte*)_address : throw new ObjectDisposedException(ToString(), "the shared memory block is closed");

    /// <summary>The whole block (CPython's .buf). Valid until Close; blocks over 2 GiB need <see cref="GetSpan"/>.</summary>
    public Span<byte> Span => Size <= int.MaxValue ? new Span<byte>(Pointer, (int)Size)
        : throw new NotSupportedException($"the block has {Size} bytes, more than a Span can hold: use GetSpan(offset, length) or Pointer");

    /// <summary>The block as Memory&lt;byte&gt;, for APIs that take one (streams, pipelines). Same validity as Span.</summary>
    public Memory<byte> Memory => (_memory ??= new BlockMemoryManager(this)).Memory;

    /// <summary>A window of the block; ArgumentOutOfRangeException unless it lies inside [0, Size).</summary>
    public Span<byte> GetSpan(long offset, int length)
    {
        if (offset < 0 || length < 0 || offset > Size - length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"[{offset}, {offset}+{length}) is not inside the block's {Size} bytes");
        return new Span<byte>(Pointer + offset, length);
    }

    /// <summary>Unmaps this process's view (CPython's close()). Idempotent; the block and its name remain.</summary>
    public void Close()
    {
        var address = Interlocked.Exchange(ref _address, 0);
        if (address != 0) Libc.munmap(address, _mappedLength);
    }

    /// <summary>Removes the name from /dev/shm (shm_unlink(3)); processes that map the block keep their mapping.
    /// A second Unlink, here or in any process, throws FileNotFoundException, as CPython's does.</summary>
    public void Unlink()
    {
        var path = SharedMemoryNames.PathOf(Name);
        if (Libc.unlink(path) != 0)
        {
            var errno = Libc.LastErrno;
            if (errno == Libc.ENOENT) throw NotFound(Name);
            throw Libc.Error($"unlink({path})", errno);
        }
        SharedMemoryTracker.Unregister(Name);
    }

    /// <summary>Close, as CPython's __del__ does; never Unlink.</summary>
    public void Dispose() => Close();

    public override string ToString() => $"SharedMemoryBlock('{Name}', size={Size})";

    string IInheritable.InheritedKind => InheritedSharedMemoryBlock.Kind;

    /// <summary>By name, as CPython's __reduce__ (name, create=False, size): the child attaches to the name. The
    /// tracker's write end goes along, so the child's own blocks are tracked by the same tracker.</summary>
    object? IInheritable.ExportState(InheritanceWriter writer) =>
        new object?[] { Name, Size, SharedMemoryTracker.Export(writer) };

    private static int Create(ref string? name)
    {
        while (true)
        {
            var candidate = name ?? SharedMemoryNames.Generate();
            SharedMemoryTracker.Register(candidate);
            var fd = Libc.open(SharedMemoryNames.PathOf(candidate), Libc.O_RDWR | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, Mode);
            if (fd >= 0)
            {
                name = candidate;
                return fd;
            }
            var errno = Libc.LastErrno;
            SharedMemoryTracker.Unregister(candidate);
            // A generated name that exists is tried again with another, as CPython's loop on FileExistsError.
            if (errno == Libc.EEXIST && name is null) continue;
            throw OpenError(candidate, errno);
        }
    }

    private static int Attach(string name)
    {
        var fd = Libc.open(SharedMemoryNames.PathOf(name), Libc.O_RDWR | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
        return fd >= 0 ? fd : throw OpenError(name, Libc.LastErrno);
    }

    private static Exception OpenError(string name, int errno) => errno switch
    {
        Libc.ENOENT => NotFound(name),
        Libc.EEXIST => new SharedMemoryExistsError(name),
        Libc.EACCES => new UnauthorizedAccessException($"[Errno 13] Permission denied: '/{name}' ({SharedMemoryNames.PathOf(name)})"),
        _ => Libc.Error($"open({SharedMemoryNames.PathOf(name)})", errno),
    };

    private static FileNotFoundException NotFound(string name) =>
        new($"[Errno 2] No such file or directory: '/{name}' (no shared memory block with this name in {SharedMemoryNames.Directory})",
            SharedMemoryNames.PathOf(name));
}
