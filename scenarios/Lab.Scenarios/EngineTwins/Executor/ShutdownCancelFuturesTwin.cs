using Lab.Engine;
using Lab.Scenarios.EngineTwins.Pool;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Executor;

/// <summary>Holds the one worker in Block, queues Square(1..queued), shuts down with cancelFutures, then submits once more.</summary>
public sealed class ShutdownCancelFuturesTwin : ExecutorTwin
{
    public override string Id => "executor.shutdown-cancel-futures";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var blocking = new Blocking(context);
        var executor = blocking.Executor;
        var running = executor.Submit(ExecutorFunctions.Block, 7);
        if (!blocking.Started.Wait(budget)) return Hang("the blocking task never started", budget);
        var futures = Enumerable.Range(1, Int(@case, "queued")).Select(i => executor.Submit(PoolFunctions.Square, i)).ToList();
        executor.Shutdown(wait: false, cancelFutures: true);
        var after = Refusal(() => executor.Submit(PoolFunctions.Square, 1));
        blocking.Release.Set();
        if (!TryResult(running, budget, out var runningResult)) return Hang("the running task", budget);
        if (!Task.WaitAll(futures.Select(f => f.ContinueWith(_ => { }, TaskScheduler.Default)).ToArray(), budget))
            return Hang("futures still pending after Shutdown(cancelFutures: true)", budget);
        var first = futures[0].IsCanceled || futures[0].Result == 1;
        return new(Observe.Pairs(("submit_after", after), ("running_result", runningResult), ("last_cancelled", futures[^1].IsCanceled),
            ("first_queued_ended", first)), $"cancelled: {futures.Count(f => f.IsCanceled)} of {futures.Count}");
    }
}
