using Lab.Engine.Serialization;
using Lab.Engine.Sharing;

namespace Lab.Engine.Synchronization;

/// <summary>
/// Child side: one object per inherited descriptor slot. InheritanceWriter.Add gives one slot to a descriptor
/// however often it is sent, so a lock passed on its own and inside a condition arrives twice with the same slot;
/// rebuilding it twice would make two owners of one descriptor (a double close). Returning the first object
/// again is also what pickle's memo does for an object sent twice in one message.
/// </summary>
internal static class InheritedObjects
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<InheritanceReader, Dictionary<int, object>> Built = new();

    /// <summary>The object built for <paramref name="slot"/>, creating it from the mapped region the first time.</summary>
    public static T GetOrCreate<T>(InheritanceReader reader, int slot, Func<SharedRegion, T> create) where T : class =>
        GetOrCreate(reader, slot, () => create(SharedRegion.FromInherited(reader.Descriptor(slot))));

    /// <summary>As above, for the synchronization primitives, whose region is wrapped in <see cref="SharedWords"/>.</summary>
    public static T GetOrCreateWords<T>(InheritanceReader reader, int slot, Func<SharedWords, T> create) where T : class =>
        GetOrCreate(reader, slot, () => create(SharedWords.FromInherited(reader.Descriptor(slot), typeof(T).Name)));

    private static T GetOrCreate<T>(InheritanceReader reader, int slot, Func<T> create) where T : class
    {
        var built = Built.GetOrCreateValue(reader);
        lock (built)
        {
            if (built.TryGetValue(slot, out var existing))
                return existing as T ?? throw new ChannelFormatError(
                    $"inherited descriptor slot {slot} is a {existing.GetType().Name} and cannot also be a {typeof(T).Name}");
            var created = create();
            built.Add(slot, created);
            return created;
        }
    }
}
