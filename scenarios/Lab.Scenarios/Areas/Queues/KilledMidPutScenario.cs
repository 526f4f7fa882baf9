using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Queues;
using Lab.Scenarios.Areas.Sync;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Queues;

/// <summary>
/// A producer is SIGKILLed while its feeder is writing a 64 MiB item (after Put returned and the item's first bytes
/// are in the pipe). outcome: item (the whole item came back), garbage (something else came back), empty (Empty),
/// broken (the queue says its stream is corrupted), blocked (Get had not returned 2 s after its 5 s timeout).
/// The engine's reader notices the writer died mid-message and breaks the queue. CPython's blocks: get(timeout)
/// bounds only the wait for the first byte, and the parent itself still holds the queue's write end (it created the
/// queue), so the rest of the frame never comes and no EOF either (its twin unblocks it by closing that end).
/// </summary>
public sealed class KilledMidPutScenario : Scenario
{
    private static readonly TimeSpan GetTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public override string Id => "queues.killed-mid-put";
    public override string Rule => "A queue whose writer is killed in the middle of a message does not return garbage or hang: the next get reports the queue broken.";
    public override string Source => "seeds 59.21 Termination ('queues corrupted'); CPython docs, Process.terminate() warning; DESIGN.md ('Never hang')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("outcome=broken")];

    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) => "outcome=blocked";

    public override string IntendedDivergence =>
        "CPython's Queue.get(timeout) bounds only the wait for a message's first byte; when the writer dies mid-message the reader " +
        "blocks forever for the rest, since the parent that created the queue still holds its write end (no EOF). The engine's " +
        "reader checks, whenever the stream stalls, whether the writer is still alive, and reports the queue broken instead of hanging.";

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
