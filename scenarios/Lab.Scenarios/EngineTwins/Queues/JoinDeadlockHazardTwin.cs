using Lab.Engine;
using Lab.Engine.Queues;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Queues;

/// <summary>A child puts a 1 MiB item; the parent joins it for 1 s before draining the queue, then again after.</summary>
public sealed class JoinDeadlockHazardTwin : EngineTwin
{
    public override string Id => "queues.join-deadlock-hazard";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
