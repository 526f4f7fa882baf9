using Lab.Engine.Pools;
using Lab.Engine.Scheduling;

namespace Lab.Engine.Executors;

/// <summary>
/// One future of a <see cref="ProcessPoolExecutor"/>: a one-chunk job of the Pool machinery (a Submit call, or one
/// chunk of a Map, as CPython's map submits one future per chunk: process.py, ProcessPoolExecutor.map). Its states are
/// CPython's Future states reduced to what the executor needs: pending, running (handed to a worker), cancelled;
/// finished is the Task's own state. cancel() succeeds only while pending (_base.py, Future.cancel: "if self._state in
/// [RUNNING, FINISHED]: return False"); a chunk becomes running when the supervisor dispatches it, as CPython's
/// future does when its manager thread moves it to the call queue (process.py, _add_call_item_to_queue calls
/// set_running_or_notify_cancel).
/// </summary>
/// <param name="convert">Turns the chunk's result list into the future's value; may throw InvalidCastException.</param>
internal sealed class FutureJob<T>(Func<System.Collections.IList, T> convert) : Job(1)
{
    private const int Pending = 0, Running = 1, Cancelled = 2;

    // Continuations run on the thread pool, never on the supervisor thread (a continuation that waits for another
    // future would otherwise block the only thread that can complete it).
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _registration;
    private int _state;

    public Task<T> Task => _completion.Task;

    /// <summary>Cancels the future if it is still pending (CPython's cancel()): by Map when its iteration ends early,
    /// and by the supervisor for Shutdown(cancelFutures).</summary>
    public override bool TryCancel() => CancelWith(default);

    /// <summary>Cancels the future if it is still pending, its Task Canceled with <paramref name="token"/>. False when it
    /// already runs or has finished: a future that a broken pool failed while still pending has finished and stays
    /// failed (_base.py, Future.cancel returns False for FINISHED; found by the systematic program engine.executor-futures).
    /// The state changes are scheduling points, so that program explores their races.</summary>
    private bool CancelWith(CancellationToken token)
    {
        EngineScheduling.Point(EnginePoint.Write);
        if (Interlocked.CompareExchange(ref _state, Cancelled, Pending) != Pending) return false;
        EngineScheduling.Point(EnginePoint.Write);
        if (!_completion.TrySetCanceled(token)) return false;
        _registration.Dispose();
        return true;
    }

    /// <summary>Ties the future to <paramref name="token"/>: its cancellation cancels the future if still pending.</summary>
    public void Observe(CancellationToken token)
    {
        if (!token.CanBeCanceled) return;
        _registration = token.UnsafeRegister(static (state, t) => ((FutureJob<T>)state!).CancelWith(t), this);
        // A registration made after completion would be left behind: drop it (Dispose is idempotent).
        if (_completion.Task.IsCompleted) _registration.Dispose();
    }

    public override bool TryStart()
    {
        EngineScheduling.Point(EnginePoint.Write);
        return Interlocked.CompareExchange(ref _state, Running, Pending) == Pending;
    }

    protected override void OnDone(int index, System.Collections.IList values)
    {
        T value;
        try { value = convert(values); }
        catch (InvalidCastException e)
        {
            OnFailed(index, e);
            return;
        }
        EngineScheduling.Point(EnginePoint.Write);
        if (_completion.TrySetResult(value)) _registration.Dispose();
    }

    protected override void OnFailed(int index, Exception error)
    {
        EngineScheduling.Point(EnginePoint.Write);
        if (_completion.TrySetException(error)) _registration.Dispose();
    }

    /// <summary>The pool broke: a pending or running future fails (process.py, terminate_broken fails every pending
    /// work item); a cancelled one stays cancelled.</summary>
    public override void Abort(Exception error) => OnFailed(0, error);
}
