namespace Lab.Engine.Managers;

/// <summary>The list behind a <see cref="ListProxy"/>. One call at a time (CPython relies on the GIL for the same:
/// list.append is atomic there), so concurrent appends from many processes never lose one.</summary>
internal sealed class ManagedList(List<object?> items) : IManagedObject
{
    public object? Invoke(string method, object?[] args)
    {
        lock (items)
        {
            switch (method, args)
            {
                case ("append", [var item]): items.Add(item); return null;
                case ("extend", [List<object?> more]): items.AddRange(more); return null;
                case ("insert", [int index, var item]): items.Insert(Math.Clamp(index < 0 ? index + items.Count : index, 0, items.Count), item); return null;
                case ("pop", [int index]):
                    {
                        if (items.Count == 0) throw new RemoteFault("IndexError", "pop from empty list");
                        var i = Index(index, "pop index out of range");
                        var item = items[i];
                        items.RemoveAt(i);
                        return item;
                    }
                case ("remove", [var item]):
                    var at = items.FindIndex(x => Equals(x, item));
                    if (at < 0) throw new RemoteFault("ValueError", "list.remove(x): x not in list");
                    items.RemoveAt(at);
                    return null;
                case ("clear", []): items.Clear(); return null;
                case ("len", []): return items.Count;
                case ("getitem", [int index]): return items[Index(index, "list index out of range")];
                case ("setitem", [int index, var item]): items[Index(index, "list assignment index out of range")] = item; return null;
                case ("copy", []): return new List<object?>(items);
                default: throw BuiltinObjects.NoMethod("list", method);
            }
        }
    }

    private int Index(int index, string error)
    {
        var i = index < 0 ? index + items.Count : index;
        return i >= 0 && i < items.Count ? i : throw new RemoteFault("IndexError", error);
    }
}

/// <summary>The dictionary behind a <see cref="DictProxy"/> and the attributes behind a <see cref="NamespaceProxy"/>
/// (CPython's Namespace is an object whose __dict__ is this); they differ in the error a missing key raises.</summary>
internal sealed class ManagedDict(string missingError) : IManagedObject
{
    private readonly Dictionary<string, object?> _items = new(StringComparer.Ordinal);

    public object? Invoke(string method, object?[] args)
    {
        lock (_items)
        {
            switch (method, args)
            {
                case ("getitem" or "getattr", [string key]): return _items.TryGetValue(key, out var v) ? v : throw Missing(key);
                case ("setitem" or "setattr", [string key, var value]): _items[key] = value; return null;
                case ("delitem" or "delattr", [string key]): return _items.Remove(key) ? null : throw Missing(key);
                case ("pop", [string key]): return _items.Remove(key, out var popped) ? popped : throw Missing(key);
                case ("get", [string key, var fallback]): return _items.GetValueOrDefault(key, fallback);
                case ("contains", [string key]): return _items.ContainsKey(key);
                case ("len", []): return _items.Count;
                case ("copy", []): return new Dictionary<string, object?>(_items);
                default: throw BuiltinObjects.NoMethod(missingError == "KeyError" ? "dict" : "Namespace", method);
            }
        }
    }

    private RemoteFault Missing(string key) => new(missingError, missingError == "KeyError" ? $"'{key}'" : $"'Namespace' object has no attribute '{key}'");
}

/// <summary>The value behind a <see cref="ValueProxy"/> (CPython's managers.Value: get, set).</summary>
internal sealed class ManagedValue(object? initial) : IManagedObject
{
    private object? _value = initial;

    public object? Invoke(string method, object?[] args) => (method, args) switch
    {
        ("get", []) => Volatile.Read(ref _value),
        ("set", [var value]) => Set(value),
        _ => throw BuiltinObjects.NoMethod("Value", method),
    };

    private object? Set(object? value)
    {
        Volatile.Write(ref _value, value);
        return null;
    }
}
