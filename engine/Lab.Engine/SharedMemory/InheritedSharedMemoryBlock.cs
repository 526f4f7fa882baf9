using Lab.Engine.Serialization;
using Lab.Engine.Sharing;

namespace Lab.Engine.SharedMemory;

/// <summary>Rebuilds a <see cref="SharedMemoryBlock"/> in a child: attaches by name (CPython unpickles
/// SharedMemory(name, False, size), which attaches). A block unlinked before the child attached is a
/// FileNotFoundException in the child, as in CPython.</summary>
[InheritedKind(Kind)]
internal static class InheritedSharedMemoryBlock
{
    public const string Kind = "shared-memory";

    internal static object FromInherited(object? state, InheritanceReader reader)
    {
        if (state is not object?[] { Length: 3 } parts || parts[0] is not string name || parts[1] is not long)
            throw new ChannelFormatError("malformed state for an inherited shared memory block");
        SharedMemoryTracker.Adopt(parts[2], reader);
        return new SharedMemoryBlock(name, create: false);
    }
}
