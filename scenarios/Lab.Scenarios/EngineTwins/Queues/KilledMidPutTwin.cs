using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Queues;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Queues;

/// <summary>SIGKILLs a producer while its feeder writes a 64 MiB item, then reports what a guarded Get(timeout: 5 s) does.</summary>
public sealed class KilledMidPutTwin : EngineTwin
{
    private static readonly TimeSpan GetTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public override string Id => "queues.killed-mid-put";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var queue = new ProcessQueue();
        var (mine, theirs) = Pipe.Create();
        using var ownEnd = mine;
        var p = scope.Start(QueueTargets.PutBigAnnounceBlock, [queue, theirs, QueueTargets.BigItemBytes]);
        theirs.Close();
        if (!Expect.Message(mine, scope, p, "the child's 'put'", out _, out var failure)) { queue.Dispose(); return failure!; }
        // Kill in the middle of the frame: once its first bytes are readable, the feeder is blocked on the full pipe.
        while (queue.Empty())
        {
            if (scope.Remaining <= TimeSpan.Zero) { queue.Dispose(); return Run.Hang("the item's first bytes in the queue's pipe"); }
            Thread.Sleep(2);
        }
        p.Kill();
        if (!scope.Join(p)) { queue.Dispose(); return Run.Hang("the killed producer"); }
        // Guarded: a Get that never returns must be an observation, not a hung suite.
        var get = Task.Run(() => queue.Get(timeout: GetTimeout));
        if (!WaitQuietly(get, GetTimeout + Grace))
            // The blocked task keeps the queue; it is left to the process's exit.
            return new(Observe.Pairs(("outcome", "blocked")), $"Get(timeout: 5 s) still blocked {(GetTimeout + Grace).TotalSeconds} s later");
        string outcome, how;
        try
        {
            var item = get.Result;
            (outcome, how) = item is byte[] { Length: QueueTargets.BigItemBytes } ? ("item", "the whole item") : ("garbage", $"returned {item?.GetType().Name ?? "null"}");
        }
        catch (AggregateException e) when (e.InnerException is QueueBrokenError broken)
        {
            (outcome, how) = ("broken", $"QueueBrokenError: {broken.Message}");
        }
        catch (AggregateException e) when (e.InnerException is QueueEmptyError)
        {
            (outcome, how) = ("empty", "QueueEmptyError");
        }
        catch (AggregateException e)
        {
            (outcome, how) = ("error", $"{e.InnerException?.GetType().Name}: {e.InnerException?.Message}");
        }
        queue.Dispose();
        return new(Observe.Pairs(("outcome", outcome)), $"producer SIGKILLed (exit code {p.ExitCode}) while its feeder wrote a {QueueTargets.BigItemBytes}-byte item; Get(timeout: 5 s): {how}");
    }

    /// <summary>Whether the task ended in time, whatever its outcome (Task.Wait throws for a faulted task).</summary>
    private static bool WaitQuietly(Task task, TimeSpan timeout)
    {
        try { return task.Wait(timeout); }
        catch (AggregateException) { return true; }
    }
}
