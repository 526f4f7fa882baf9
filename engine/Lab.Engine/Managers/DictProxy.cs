namespace Lab.Engine.Managers;

/// <summary>A dictionary in the manager (CPython's DictProxy). Keys are strings, as in every channel dictionary.</summary>
public sealed class DictProxy : Proxy
{
    internal DictProxy(ManagerEndpoint endpoint, long id) : base(endpoint, id, BuiltinObjects.Dict) { }

    /// <summary>A missing key raises <see cref="ManagerCallError"/> with RemoteType "KeyError".</summary>
    public object? this[string key]
    {
        get => Call("getitem", key);
        set => Call("setitem", key, value);
    }

    public object? Get(string key, object? fallback = null) => Call("get", key, fallback);

    public bool ContainsKey(string key) => (bool)Call("contains", key)!;

    public object? Pop(string key) => Call("pop", key);

    public int Count => (int)Call("len")!;

    public Dictionary<string, object?> ToDictionary() => (Dictionary<string, object?>)Call("copy")!;
}
