namespace Lab.Engine.Managers;

/// <summary>A single value in the manager (CPython's ValueProxy from manager.Value(typecode, value)). Reading and
/// writing are separate calls: v.Value += 1 from two processes can lose an update, as in CPython; use a
/// <see cref="LockProxy"/> around it.</summary>
public sealed class ValueProxy : Proxy
{
    internal ValueProxy(ManagerEndpoint endpoint, long id) : base(endpoint, id, BuiltinObjects.Value) { }

    public object? Value
    {
        get => Call("get");
        set => Call("set", value);
    }
}
