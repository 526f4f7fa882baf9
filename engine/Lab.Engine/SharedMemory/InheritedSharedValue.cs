using Lab.Engine.Serialization;
using Lab.Engine.Sharing;
using Lab.Engine.Synchronization;

namespace Lab.Engine.SharedMemory;

/// <summary>Rebuilds a <see cref="SharedValue{T}"/> in a child (CPython: sharedctypes.rebuild_ctype, then
/// synchronized(obj, lock)). The same value passed twice arrives as one object (the region's slot is shared).</summary>
[InheritedKind(Kind)]
internal static class InheritedSharedValue
{
    public const string Kind = "value";

    internal static object FromInherited(object? state, InheritanceReader reader)
    {
        if (state is not object?[] { Length: 4 } s || s[0] is not string typeName || s[1] is not int size || s[2] is not int slot
            || s[3] is not (null or ProcessRLock))
            throw new ChannelFormatError("malformed state for an inherited SharedValue");
        return SharedElementTypes.Dispatch(typeName, size, new Factory(reader, slot, (ProcessRLock?)s[3]));
    }

    private sealed class Factory(InheritanceReader reader, int slot, ProcessRLock? lockObject) : SharedElementTypes.IFactory<object>
    {
        public object Create<T>() where T : unmanaged =>
            InheritedObjects.GetOrCreate(reader, slot, region => SharedValue<T>.Rebuild(region, lockObject));
    }
}
