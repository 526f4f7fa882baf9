namespace Lab.Engine.Managers;

/// <summary>An unbounded queue in the manager (CPython's manager.Queue(), a queue.Queue behind a proxy).</summary>
public sealed class QueueProxy : Proxy
{
    internal QueueProxy(ManagerEndpoint endpoint, long id) : base(endpoint, id, BuiltinObjects.Queue) { }

    public void Put(object? item) => Call("put", item);

    /// <summary>Raises <see cref="Queues.QueueEmptyError"/> when nothing came within the timeout (or at once without
    /// blocking); a null timeout blocks.</summary>
    public object? Get(bool block = true, TimeSpan? timeout = null) =>
        Call("get", block, timeout is { } t ? t.TotalSeconds : -1.0);

    public int Count => (int)Call("qsize")!;
}
