namespace Lab.Engine.Sharing;

/// <summary>
/// An engine object that a child can receive as an argument of its target (a connection, a lock, a queue, shared
/// memory). It crosses the boundary as a kind name, a small state value and the descriptors it needs, which the
/// child inherits through posix_spawn — CPython's "shared between processes through inheritance". The decoder
/// rebuilds only the kinds registered in <see cref="InheritedKinds"/>, never a type named by the bytes.
/// </summary>
internal interface IInheritable
{
    string InheritedKind { get; }

    /// <summary>The state to send (a channel value); descriptors are added to <paramref name="writer"/>, whose
    /// returned slot numbers go into the state.</summary>
    object? ExportState(InheritanceWriter writer);
}

/// <summary>Parent side: collects the descriptors that one child start hands over.</summary>
internal sealed class InheritanceWriter
{
    public const int MaxDescriptors = 256;

    private readonly List<int> _descriptors = [];

    public IReadOnlyList<int> Descriptors => _descriptors;

    /// <summary>Returns the slot of <paramref name="fd"/>; the child finds it at fd_base + slot.</summary>
    public int Add(int fd)
    {
        var existing = _descriptors.IndexOf(fd);
        if (existing >= 0) return existing;
        if (_descriptors.Count == MaxDescriptors)
            throw new Serialization.SerializationError($"more than {MaxDescriptors} descriptors would be inherited by one child");
        _descriptors.Add(fd);
        return _descriptors.Count - 1;
    }
}

/// <summary>Child side: where inherited slot numbers land.</summary>
internal sealed class InheritanceReader(int fdBase, int count)
{
    public int Descriptor(int slot) =>
        slot >= 0 && slot < count ? fdBase + slot
        : throw new Serialization.ChannelFormatError($"inherited descriptor slot {slot} is outside 0..{count - 1}");
}

/// <summary>
/// Marks an <see cref="IInheritable"/> engine type and names its kind. The type must declare
/// <c>internal static object FromInherited(object? state, InheritanceReader reader)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class InheritedKindAttribute(string kind) : Attribute
{
    public string Kind { get; } = kind;
}

/// <summary>The closed set of kinds a child can rebuild: the engine's own types marked with
/// <see cref="InheritedKindAttribute"/>, found once in this assembly (never in the bytes' say-so).</summary>
internal static class InheritedKinds
{
    private static readonly Lazy<Dictionary<string, Func<object?, InheritanceReader, object>>> Factories = new(Discover);

    public static IReadOnlyCollection<string> Kinds => Factories.Value.Keys;

    public static object Create(string kind, object? state, InheritanceReader reader)
    {
        if (!Factories.Value.TryGetValue(kind, out var factory))
            throw new Serialization.ChannelFormatError($"unknown inherited resource kind '{kind}'");
        try
        {
            return factory(state, reader);
        }
        catch (Exception e) when (e is InvalidCastException or NullReferenceException or KeyNotFoundException or IndexOutOfRangeException)
        {
            throw new Serialization.ChannelFormatError($"malformed state for an inherited {kind}: {e.Message}");
        }
    }

    private static Dictionary<string, Func<object?, InheritanceReader, object>> Discover()
    {
        var factories = new Dictionary<string, Func<object?, InheritanceReader, object>>(StringComparer.Ordinal);
        foreach (var type in typeof(InheritedKinds).Assembly.GetTypes())
        {
            if (type.GetCustomAttributes(typeof(InheritedKindAttribute), false) is not [InheritedKindAttribute attribute]) continue;
            var method = type.GetMethod("FromInherited", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
                         ?? throw new InvalidOperationException($"{type} is marked [InheritedKind] but has no static FromInherited(object?, InheritanceReader)");
            factories.Add(attribute.Kind, method.CreateDelegate<Func<object?, InheritanceReader, object>>());
        }
        return factories;
    }
}
