namespace Lab.Engine.Managers;

/// <summary>A list in the manager (CPython's ListProxy). Items are channel values; indexes may be negative.</summary>
public sealed class ListProxy : Proxy
{
    internal ListProxy(ManagerEndpoint endpoint, long id) : base(endpoint, id, BuiltinObjects.List) { }

    public void Append(object? item) => Call("append", item);

    public void Extend(IEnumerable<object?> items) => Call("extend", items.ToList());

    public void Insert(int index, object? item) => Call("insert", index, item);

    public object? Pop(int index = -1) => Call("pop", index);

    public void Remove(object? item) => Call("remove", item);

    public void Clear() => Call("clear");

    public int Count => (int)Call("len")!;

    public object? this[int index]
    {
        get => Call("getitem", index);
        set => Call("setitem", index, value);
    }

    /// <summary>A copy of the whole list, in one round trip (CPython: list(proxy) or proxy[:]).</summary>
    public List<object?> ToList() => (List<object?>)Call("copy")!;
}
