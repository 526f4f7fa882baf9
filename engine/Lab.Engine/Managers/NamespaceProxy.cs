namespace Lab.Engine.Managers;

/// <summary>A namespace in the manager (CPython's NamespaceProxy: ns.x = 1 there is Set("x", 1) here).</summary>
public sealed class NamespaceProxy : Proxy
{
    internal NamespaceProxy(ManagerEndpoint endpoint, long id) : base(endpoint, id, BuiltinObjects.Namespace) { }

    /// <summary>A missing attribute raises <see cref="ManagerCallError"/> with RemoteType "AttributeError".</summary>
    public object? Get(string name) => Call("getattr", name);

    public void Set(string name, object? value) => Call("setattr", name, value);

    public void Delete(string name) => Call("delattr", name);

    public Dictionary<string, object?> ToDictionary() => (Dictionary<string, object?>)Call("copy")!;
}
