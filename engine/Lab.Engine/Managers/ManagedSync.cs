namespace Lab.Engine.Managers;

/// <summary>The lock behind a <see cref="LockProxy"/>: a threading.Lock, which any thread may release (a semaphore of
/// one, not a Monitor, because the releasing connection thread may not be the acquiring one). A blocking acquire
/// waits on its own connection's thread, so the other proxies' calls go on.</summary>
internal sealed class ManagedLock : IManagedObject
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public object? Invoke(string method, object?[] args)
    {
        switch (method, args)
        {
            case ("acquire", [bool blocking, var timeout]):
                return _semaphore.Wait(blocking ? BuiltinObjects.Timeout(timeout) : TimeSpan.Zero);
            case ("release", []):
                try { _semaphore.Release(); }
                catch (SemaphoreFullException) { throw new RemoteFault("RuntimeError", "release unlocked lock"); }
                return null;
            default: throw BuiltinObjects.NoMethod("Lock", method);
        }
    }
}

/// <summary>The event behind an <see cref="EventProxy"/> (threading.Event).</summary>
internal sealed class ManagedEvent : IManagedObject
{
    private readonly ManualResetEventSlim _event = new(false);

    public object? Invoke(string method, object?[] args)
    {
        switch (method, args)
        {
            case ("set", []): _event.Set(); return null;
            case ("clear", []): _event.Reset(); return null;
            case ("is_set", []): return _event.IsSet;
            case ("wait", [var timeout]): return _event.Wait(BuiltinObjects.Timeout(timeout));
            default: throw BuiltinObjects.NoMethod("Event", method);
        }
    }
}

/// <summary>The queue behind a <see cref="QueueProxy"/> (an unbounded queue.Queue). A timed-out or non-blocking get
/// on an empty queue raises "Empty", which the proxy turns into <see cref="Queues.QueueEmptyError"/>.</summary>
internal sealed class ManagedQueue : IManagedObject
{
    private readonly Queue<object?> _items = new();

    public object? Invoke(string method, object?[] args)
    {
        lock (_items)
        {
            switch (method, args)
            {
                case ("put", [var item]):
                    _items.Enqueue(item);
                    Monitor.PulseAll(_items);
                    return null;
                case ("get", [bool block, var timeout]):
                    {
                        var deadline = Sharing.Deadline.From(block ? NullIfInfinite(BuiltinObjects.Timeout(timeout)) : TimeSpan.Zero);
                        while (_items.Count == 0)
                            if (deadline.HasPassed || !Monitor.Wait(_items, deadline.Remaining))
                                if (_items.Count == 0) throw new RemoteFault("Empty", "the queue is empty");
                        return _items.Dequeue();
                    }
                case ("qsize", []): return _items.Count;
                default: throw BuiltinObjects.NoMethod("Queue", method);
            }
        }
    }

    private static TimeSpan? NullIfInfinite(TimeSpan t) => t == Timeout.InfiniteTimeSpan ? null : t;
}
