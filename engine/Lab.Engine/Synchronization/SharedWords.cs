using Lab.Engine.Sharing;

namespace Lab.Engine.Synchronization;

/// <summary>
/// A primitive's <see cref="SharedRegion"/>. Dispose closes the descriptor at once but leaves the mapping until
/// this object is finalized, so an operation that races with Dispose (a thread blocked in Wait, or in the middle
/// of Release) never touches unmapped memory; each operation keeps this object reachable to its end
/// (<see cref="Use.Dispose"/>). The uncontended paths therefore cost no reference counting: an acquire and a
/// release are one atomic operation each. Operations that start after Dispose throw <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed unsafe class SharedWords : IDisposable
{
    private readonly SharedRegion _region;
    private readonly string _owner;
    private int _disposed;

    private SharedWords(SharedRegion region, string owner)
    {
        _region = region;
        _owner = owner;
    }

    /// <summary>A zero-filled region of at least <paramref name="bytes"/> bytes.</summary>
    public static SharedWords Create(int bytes, string owner) => new(SharedRegion.Create(bytes, owner), owner);

    public static SharedWords FromInherited(int fd, string owner) => new(SharedRegion.FromInherited(fd), owner);

    public Use Enter()
    {
        if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(_owner);
        return new Use(this);
    }

    /// <summary>The descriptor to hand to a child.</summary>
    public int Descriptor => Volatile.Read(ref _disposed) == 0 ? _region.Descriptor : throw new ObjectDisposedException(_owner);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _region.CloseDescriptor();
    }

    /// <summary>No operation can be running: every one keeps this object reachable until it ends.</summary>
    ~SharedWords() => _region.Dispose();

    /// <summary>One operation on the words; <see cref="Word"/> pointers are valid until <see cref="Dispose"/>.</summary>
    public readonly ref struct Use
    {
        private readonly SharedWords _owner;

        internal Use(SharedWords owner) => _owner = owner;

        public int* Word(int offset) => _owner._region.Word(offset);

        public void Dispose() => GC.KeepAlive(_owner);
    }
}
