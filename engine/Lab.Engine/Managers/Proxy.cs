using Lab.Engine.Sharing;

namespace Lab.Engine.Managers;

/// <summary>
/// A reference to an object that lives in a manager's process (CPython's BaseProxy): each method call is a round
/// trip to the server with channel values. A proxy can be an argument of a child's target: it crosses as its
/// address, object id, kind and the manager's key, and the child opens its own connection on first use
/// (CPython's RebuildProxy). Thread-safe: calls through one proxy are serialised on its connection.
/// </summary>
[InheritedKind(Kind)]
public class Proxy : IInheritable, IDisposable
{
    internal const string Kind = "manager-proxy";

    /// <summary>The proxies this process rebuilt, by manager and object: a pool task that receives a proxy reuses the
    /// connection the worker already has instead of opening (and authenticating) one per task.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Address, string Key, long Id), Proxy> Rebuilt = new();

    private readonly object _gate = new();
    private ManagerConnection? _connection;

    internal Proxy(ManagerEndpoint endpoint, long id, string typeId)
    {
        Endpoint = endpoint;
        Id = id;
        TypeId = typeId;
    }

    /// <summary>The registered name (or built-in kind: "list", "dict", …) of the referent.</summary>
    public string TypeId { get; }

    /// <summary>The manager's socket path.</summary>
    public string Address => Endpoint.Address;

    internal ManagerEndpoint Endpoint { get; }

    internal long Id { get; }

    /// <summary>Calls <paramref name="method"/> on the referent with channel values (CPython's _callmethod).</summary>
    public object? Call(string method, params object?[] args)
    {
        lock (_gate)
        {
            if (Endpoint.IsShutDown) throw Endpoint.ShutDownError();
            _connection ??= ManagerConnection.Open(Endpoint);
            try
            {
                return _connection.Call(ManagerProtocol.Call, Id, method, args);
            }
            catch (ManagerError)
            {
                // A broken connection is not reused: the next call reconnects, and fails clearly if the server is gone.
                _connection.Dispose();
                _connection = null;
                throw;
            }
        }
    }

    /// <summary>Closes this proxy's connection; the referent lives on in the manager until it shuts down.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }

    public override string ToString() => $"<{GetType().Name} '{TypeId}' id={Id} at {Address}>";

    string IInheritable.InheritedKind => Kind;

    object? IInheritable.ExportState(InheritanceWriter writer) => new object?[] { Endpoint.Address, Endpoint.Key, Id, TypeId };

    internal static object FromInherited(object? state, InheritanceReader reader)
    {
        var s = (object?[])state!;
        var (address, key, id, typeId) = ((string)s[0]!, (byte[])s[1]!, (long)s[2]!, (string)s[3]!);
        var proxy = Rebuilt.GetOrAdd((address, Convert.ToHexString(key), id), _ => Create(new ManagerEndpoint(address, key), id, typeId));
        return proxy.TypeId == typeId ? proxy : throw new InvalidCastException($"object {id} of {address} is a {proxy.TypeId}, not a {typeId}");
    }

    /// <summary>The proxy class for a kind: a closed switch, a registered type gets the generic <see cref="Proxy"/>.</summary>
    internal static Proxy Create(ManagerEndpoint endpoint, long id, string typeId) => typeId switch
    {
        BuiltinObjects.List => new ListProxy(endpoint, id),
        BuiltinObjects.Dict => new DictProxy(endpoint, id),
        BuiltinObjects.Namespace => new NamespaceProxy(endpoint, id),
        BuiltinObjects.Value => new ValueProxy(endpoint, id),
        BuiltinObjects.Lock => new LockProxy(endpoint, id),
        BuiltinObjects.Event => new EventProxy(endpoint, id),
        BuiltinObjects.Queue => new QueueProxy(endpoint, id),
        _ => new Proxy(endpoint, id, typeId),
    };
}
