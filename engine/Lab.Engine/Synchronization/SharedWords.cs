using Lab.Engine.Sharing;

namespace Lab.Engine.Synchronization;

/// <summary>
/// A primitive's <see cref="SharedRegion"/>, unmapped only when no operation of this process still uses it:
/// every operation holds a <see cref="Use"/> (a reference count, as SafeHandle.DangerousAddRef does), and
/// Dispose drops the owner's reference. A Dispose that races with a thread blocked in Wait therefore returns at
/// once and the mapping goes away when that Wait ends, instead of the waiter touching unmapped memory.
/// Operations that start after Dispose throw <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed unsafe class SharedWords : IDisposable
{
    private readonly SharedRegion _region;
    private readonly string _owner;
    private int _references = 1;
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
        var references = Volatile.Read(ref _references);
        while (true)
        {
            if (references == 0 || Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(_owner);
            var seen = Interlocked.CompareExchange(ref _references, references + 1, references);
            if (seen == references) return new Use(this);
            references = seen;
        }
    }

    /// <summary>The descriptor to hand to a child (valid only inside a <see cref="Use"/>).</summary>
    public int Descriptor => _region.Descriptor;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) Exit();
    }

    private void Exit()
    {
        if (Interlocked.Decrement(ref _references) == 0) _region.Dispose();
    }

    /// <summary>One operation's hold on the mapping; <see cref="Word"/> pointers are valid until Dispose.</summary>
    public readonly ref struct Use
    {
        private readonly SharedWords _owner;

        internal Use(SharedWords owner) => _owner = owner;

        public int* Word(int offset) => _owner._region.Word(offset);

        public void Dispose() => _owner.Exit();
    }
}
