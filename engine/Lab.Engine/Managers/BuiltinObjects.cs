namespace Lab.Engine.Managers;

/// <summary>An object that the manager's server owns; calls come from the connection threads concurrently.</summary>
internal interface IManagedObject
{
    object? Invoke(string method, object?[] args);
}

/// <summary>The built-in type ids (CPython's SyncManager registrations) and the server's factory for them.</summary>
internal static class BuiltinObjects
{
    public const string List = "list";
    public const string Dict = "dict";
    public const string Namespace = "namespace";
    public const string Value = "value";
    public const string Lock = "lock";
    public const string Event = "event";
    public const string Queue = "queue";

    public static bool IsBuiltin(string typeid) => typeid is List or Dict or Namespace or Value or Lock or Event or Queue;

    public static IManagedObject? Create(string typeid, object?[] args) => typeid switch
    {
        List => new ManagedList(args is [List<object?> items] ? items : []),
        Dict => new ManagedDict("KeyError"),
        Namespace => new ManagedDict("AttributeError"),
        Value => new ManagedValue(args is [var initial] ? initial : null),
        Lock => new ManagedLock(),
        Event => new ManagedEvent(),
        Queue => new ManagedQueue(),
        _ => null,
    };

    public static RemoteFault NoMethod(string kind, string method) => new("AttributeError", $"'{kind}' object has no method '{method}'");

    /// <summary>A CPython timeout argument as sent by the proxies: seconds, negative for none.</summary>
    public static TimeSpan Timeout(object? seconds) => seconds is double s && s >= 0 ? TimeSpan.FromSeconds(s) : System.Threading.Timeout.InfiniteTimeSpan;
}
