using System.Diagnostics;
using Lab.Engine;
using Lab.Engine.Queues;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Queues;

/// <summary>Gets with a 0.1 s timeout from an empty queue and reports the error raised.</summary>
public sealed class GetTimeoutEmptyTwin : EngineTwin
{
    public override string Id => "queues.get-timeout-empty";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var queue = new ProcessQueue();
        var clock = Stopwatch.StartNew();
        var (raised, how) = QueueTargets.Attempt(() => queue.Get(timeout: TimeSpan.FromMilliseconds(100)));
        return new(Observe.Pairs(("raised", raised)), $"Get(timeout: 0.1 s) on an empty queue: {how} after {clock.Elapsed.TotalSeconds:0.000} s");
    }
}
