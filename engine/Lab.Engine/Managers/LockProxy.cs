namespace Lab.Engine.Managers;

/// <summary>A lock in the manager (CPython's AcquirerProxy over threading.Lock): any process holding a proxy may
/// release it, as with threading.Lock.</summary>
public sealed class LockProxy : Proxy
{
    internal LockProxy(ManagerEndpoint endpoint, long id) : base(endpoint, id, BuiltinObjects.Lock) { }

    /// <summary>Null timeout blocks; returns whether the lock was acquired.</summary>
    public bool Acquire(bool blocking = true, TimeSpan? timeout = null) =>
        (bool)Call("acquire", blocking, timeout is { } t ? t.TotalSeconds : -1.0)!;

    /// <summary>Releasing an unlocked lock raises <see cref="ManagerCallError"/> with RemoteType "RuntimeError".</summary>
    public void Release() => Call("release");
}
