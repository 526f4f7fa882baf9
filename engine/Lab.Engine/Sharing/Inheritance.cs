using System.Diagnostics.CodeAnalysis;
using System.Reflection;

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
    private readonly IReadOnlySet<string>? _kinds;

    /// <param name="kinds">The kinds this writer may carry (null: every kind, with its descriptors, as at a child's
    /// start). A writer limited to kinds carries no descriptors.</param>
    public InheritanceWriter(IReadOnlySet<string>? kinds = null) => _kinds = kinds;

    /// <summary>The writer of a pool task's arguments (parent to worker, after the worker started): only the kinds of
    /// <see cref="InheritedKinds.InTaskArguments"/>.</summary>
    public static InheritanceWriter ForTaskArguments() => new(InheritedKinds.InTaskArguments);

    public IReadOnlyList<int> Descriptors => _descriptors;

    public bool Allows(string kind) => _kinds is null || _kinds.Contains(kind);

    /// <summary>Returns the slot of <paramref name="fd"/>; the child finds it at fd_base + slot.</summary>
    public int Add(int fd)
    {
        if (_kinds is not null)
            throw new Serialization.SerializationError("a resource with descriptors can only be handed to a child process when it starts");
        var existing = _descriptors.IndexOf(fd);
        if (existing >= 0) return existing;
        if (_descriptors.Count == MaxDescriptors)
            throw new Serialization.SerializationError($"more than {MaxDescriptors} descriptors would be inherited by one child");
        _descriptors.Add(fd);
        return _descriptors.Count - 1;
    }
}

/// <summary>Child side: where inherited slot numbers land, and which kinds may be rebuilt (null: every kind).</summary>
internal sealed class InheritanceReader(int fdBase, int count, IReadOnlySet<string>? kinds = null)
{
    /// <summary>The reader of a pool task's arguments: no descriptors, only <see cref="InheritedKinds.InTaskArguments"/>.</summary>
    public static readonly InheritanceReader ForTaskArguments = new(0, 0, InheritedKinds.InTaskArguments);

    public bool Allows(string kind) => kinds is null || kinds.Contains(kind);

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

    /// <summary>The kinds a pool task's arguments may carry from the parent to a running worker: those that need no
    /// descriptor (a manager's proxy: an address, an object id and the manager's key, as CPython pickles a proxy into
    /// a task). Results travel the other way with none: a worker's bytes never make the parent connect anywhere.</summary>
    public static readonly IReadOnlySet<string> InTaskArguments = new HashSet<string>(StringComparer.Ordinal) { Managers.Proxy.Kind };

    public static object Create(string kind, object? state, InheritanceReader reader)
    {
        if (!reader.Allows(kind))
            throw new Serialization.ChannelFormatError($"an inherited {kind} is not allowed here");
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

    /// <summary>Every [InheritedKind] type, named: Assembly.GetTypes() finds nothing trimmed away, and a Native AOT worker
    /// trims every kind no code names (the pool's 'connection' was the first to fail: measured in the #11 spike). Each
    /// typeof goes straight to Add's annotated parameter, which keeps its FromInherited (through an array the annotation is
    /// lost and ILC trims the method: measured). InheritanceKindsTests checks the list against the types reflection finds.</summary>
    private static Dictionary<string, Func<object?, InheritanceReader, object>> Discover()
    {
        var factories = new Dictionary<string, Func<object?, InheritanceReader, object>>(StringComparer.Ordinal);
        Add(factories, typeof(Queues.JoinableQueue));
        Add(factories, typeof(Queues.SimpleQueue));
        Add(factories, typeof(Queues.QueueStream));
        Add(factories, typeof(Queues.ProcessQueue));
        Add(factories, typeof(SharedMemory.InheritedSharedValue));
        Add(factories, typeof(SharedMemory.InheritedSharedMemoryBlock));
        Add(factories, typeof(SharedMemory.InheritedSharedArray));
        Add(factories, typeof(Managers.Proxy));
        Add(factories, typeof(Synchronization.ProcessLock));
        Add(factories, typeof(Synchronization.ProcessBarrier));
        Add(factories, typeof(Synchronization.ProcessEvent));
        Add(factories, typeof(Synchronization.ProcessRLock));
        Add(factories, typeof(Synchronization.ProcessSemaphore));
        Add(factories, typeof(Synchronization.ProcessCondition));
        Add(factories, typeof(Synchronization.ProcessBoundedSemaphore));
        Add(factories, typeof(Connections.Connection));
        return factories;
    }

    private static void Add(Dictionary<string, Func<object?, InheritanceReader, object>> factories,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods)] Type type)
    {
        var attribute = (InheritedKindAttribute)type.GetCustomAttributes(typeof(InheritedKindAttribute), false).Single();
        var method = type.GetMethod("FromInherited", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
                     ?? throw new InvalidOperationException($"{type} is marked [InheritedKind] but has no static FromInherited(object?, InheritanceReader)");
        factories.Add(attribute.Kind, method.CreateDelegate<Func<object?, InheritanceReader, object>>());
    }
}
