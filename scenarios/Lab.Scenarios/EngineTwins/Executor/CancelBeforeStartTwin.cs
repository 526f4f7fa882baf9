using Lab.Engine;
using Lab.Scenarios.EngineTwins.Pool;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Executor;

/// <summary>Holds the one worker in Block, queues Square(1..queued), cancels the running task and the last ones.</summary>
public sealed class CancelBeforeStartTwin : ExecutorTwin
{
    public override string Id => "executor.cancel-before-start";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var (queued, cancel) = (Int(@case, "queued"), Int(@case, "cancel"));
        using var blocking = new Blocking(context);
        using var runningToken = new CancellationTokenSource();
        var tokens = Enumerable.Range(0, queued).Select(_ => new CancellationTokenSource()).ToList();
        try
        {
            var running = blocking.Executor.Submit(ExecutorFunctions.Block, 0, runningToken.Token);
            if (!blocking.Started.Wait(budget)) return Hang("the blocking task never started", budget);
            var futures = tokens.Select((t, i) => blocking.Executor.Submit(PoolFunctions.Square, i + 1, t.Token)).ToList();
            runningToken.Cancel();
            var runningCancel = running.IsCanceled;
            foreach (var token in tokens.TakeLast(cancel)) token.Cancel();
            var pendingCancel = futures.TakeLast(cancel).All(f => f.IsCanceled);
            blocking.Release.Set();
            var results = new List<int>();
            foreach (var task in futures.SkipLast(cancel).Prepend(running))
            {
                if (!TryResult(task, budget, out var value)) return Hang("a queued task", budget);
                results.Add(value);
            }
            return new(Observe.Pairs(("running_cancel", runningCancel), ("pending_cancel", pendingCancel),
                ("cancelled", futures.Count(f => f.IsCanceled)), ("results", string.Join(",", results))));
        }
        finally
        {
            foreach (var token in tokens) token.Dispose();
        }
    }
}
