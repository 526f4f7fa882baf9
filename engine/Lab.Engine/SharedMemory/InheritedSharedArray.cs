using Lab.Engine.Serialization;
using Lab.Engine.Sharing;
using Lab.Engine.Synchronization;

namespace Lab.Engine.SharedMemory;

/// <summary>Rebuilds a <see cref="SharedArray{T}"/> in a child (CPython: sharedctypes.rebuild_ctype with a length,
/// then synchronized(obj, lock)). The same array passed twice arrives as one object.</summary>
[InheritedKind(Kind)]
internal static class InheritedSharedArray
{
    public const string Kind = "array";

    internal static object FromInherited(object? state, InheritanceReader reader)
    {
        if (state is not object?[] { Length: 5 } s || s[0] is not string typeName || s[1] is not int size || s[2] is not int length
            || s[3] is not int slot || s[4] is not (null or ProcessRLock))
            throw new ChannelFormatError("malformed state for an inherited SharedArray");
        return SharedElementTypes.Dispatch(typeName, size, new Factory(reader, slot, length, (ProcessRLock?)s[4]));
    }

    private sealed class Factory(InheritanceReader reader, int slot, int length, ProcessRLock? lockObject) : SharedElementTypes.IFactory<object>
    {
        public object Create<T>() where T : unmanaged =>
            InheritedObjects.GetOrCreate(reader, slot, region => SharedArray<T>.Rebuild(region, length, lockObject));
    }
}
