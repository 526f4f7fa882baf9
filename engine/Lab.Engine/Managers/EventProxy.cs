namespace Lab.Engine.Managers;

/// <summary>An event in the manager (CPython's EventProxy over threading.Event).</summary>
public sealed class EventProxy : Proxy
{
    internal EventProxy(ManagerEndpoint endpoint, long id) : base(endpoint, id, BuiltinObjects.Event) { }

    public void Set() => Call("set");

    public void Clear() => Call("clear");

    public bool IsSet => (bool)Call("is_set")!;

    /// <summary>Null timeout blocks until set; returns whether it is set.</summary>
    public bool Wait(TimeSpan? timeout = null) => (bool)Call("wait", timeout is { } t ? t.TotalSeconds : -1.0)!;
}
