using System.Buffers;

namespace Lab.Engine.SharedMemory;

/// <summary>Exposes a <see cref="SharedMemoryBlock"/>'s mapping as Memory&lt;byte&gt;. The memory is native and
/// never moves, so pinning is a no-op; every access goes through the block, so use after Close is an
/// ObjectDisposedException rather than a fault (a Span obtained before Close is not protected).</summary>
internal sealed unsafe class BlockMemoryManager(SharedMemoryBlock block) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => block.Span;

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        if (elementIndex < 0 || elementIndex > block.Size) throw new ArgumentOutOfRangeException(nameof(elementIndex));
        return new MemoryHandle(block.Pointer + elementIndex);
    }

    public override void Unpin() { }

    protected override void Dispose(bool disposing) { }
}
