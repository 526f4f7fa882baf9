using Lab.Engine;
using Lab.Engine.Queues;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Queues;

public sealed class JoinDeadlockHazardScenario : Scenario
{
    public override string Id => "queues.join-deadlock-hazard";
    public override string Rule => "A child that put a 1 MiB item cannot exit until it is read: joining it before draining the queue times out; after draining, it joins.";
    public override string Source => "seeds 59.12 Queues; CPython docs, Programming guidelines ('Joining processes that use queues'); lab notes multiprocessing-internals.md section 3";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("joined_before_drain=false;joined_after_drain=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        using var queue = new ProcessQueue();
        var p = scope.Start(QueueTargets.PutAndReturn, [queue, QueueTargets.OneMiB]);
        var joinedBefore = p.Join(TimeSpan.FromSeconds(1));
        object? item;
        try { item = queue.Get(timeout: scope.Remaining); }
        catch (QueueEmptyError) { return Run.Hang("the 1 MiB item"); }
        var joinedAfter = scope.Join(p);
        return new(Observe.Pairs(("joined_before_drain", joinedBefore), ("joined_after_drain", joinedAfter)),
            $"Join(1 s) before draining: child {(joinedBefore ? "exited" : "still alive")}; got {(item as byte[])?.Length} bytes; " +
            $"join after draining: child {(joinedAfter ? "exited" : "still alive")} (exit code {p.ExitCode})");
    }
}
