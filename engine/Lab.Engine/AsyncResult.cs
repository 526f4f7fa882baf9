using System.Runtime.ExceptionServices;

namespace Lab.Engine;

/// <summary>
/// The outcome of a pool submission (CPython's ApplyResult / MapResult, pool.py). Completed once, by the pool's
/// supervisor thread, after the callback has run (CPython runs callbacks before setting the event, ApplyResult._set).
/// </summary>
public sealed class AsyncResult<T>
{
    private readonly ManualResetEventSlim _done = new(false);
    private readonly Action<T>? _callback;
    private readonly Action<Exception>? _errorCallback;
    private T? _value;
    private ExceptionDispatchInfo? _error;
    private int _completed;

    internal AsyncResult(Action<T>? callback, Action<Exception>? errorCallback)
    {
        _callback = callback;
        _errorCallback = errorCallback;
    }

    public bool Ready => _done.IsSet;

    /// <summary>Waits for the result; re-raises the task's exception. Null timeout waits until the result is ready,
    /// which always happens: a dead worker fails its results (BrokenPoolError) and Terminate fails the rest.</summary>
    public T Get(TimeSpan? timeout = null)
    {
        if (!Wait(timeout))
            throw new TimeoutException($"the result was not ready within {timeout!.Value.TotalMilliseconds:0.###} ms");
        // Each Get raises the same exception object; rethrown through its dispatch info, it keeps the stack trace it
        // had (a cast that failed on the supervisor thread, say) instead of having it replaced by this call's.
        _error?.Throw();
        return _value!;
    }

    public bool Wait(TimeSpan? timeout = null)
    {
        // Results are completed by the supervisor thread; waiting on it (from a callback) could never end.
        if (!_done.IsSet && Pools.PoolSupervisor.OnSupervisorThread)
            throw new PoolStateError("a pool callback waited for a pool result: only the pool's own thread can complete it, so this would deadlock");
        // In a process that handles SIGINT/SIGTERM (CurrentProcess.HandleInterrupts), where CPython's KeyboardInterrupt
        // would be raised.
        return Processes.Interrupts.Wait(_done, timeout is { } t ? (t < TimeSpan.Zero ? TimeSpan.Zero : t) : Timeout.InfiniteTimeSpan);
    }

    /// <summary>Whether the task succeeded; an error before the result is ready (CPython's ValueError).</summary>
    public bool Successful()
    {
        if (!Ready) throw new InvalidOperationException($"{this} not ready");
        return _error is null;
    }

    internal void Complete(T value)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0) return;
        _value = value;
        // A callback that throws must not take the supervisor down; CPython's would kill its result-handler thread.
        try { _callback?.Invoke(value); } catch (Exception) { }
        _done.Set();
    }

    internal void Fail(Exception error)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0) return;
        _error = ExceptionDispatchInfo.Capture(error);
        try { _errorCallback?.Invoke(error); } catch (Exception) { }
        _done.Set();
    }

    public override string ToString() => $"<AsyncResult<{typeof(T).Name}> {(Ready ? _error is null ? "ready" : "failed" : "pending")}>";
}
