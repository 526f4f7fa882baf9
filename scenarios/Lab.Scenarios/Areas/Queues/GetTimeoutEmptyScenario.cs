using System.Diagnostics;
using Lab.Engine;
using Lab.Engine.Queues;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Queues;

public sealed class GetTimeoutEmptyScenario : Scenario
{
    public override string Id => "queues.get-timeout-empty";
    public override string Rule => "get(timeout=0.1) on an empty queue raises queue.Empty after the timeout.";
    public override string Source => "seeds 59.12 Queues; CPython docs, Queue.get([block[, timeout]])";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=empty")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var queue = new ProcessQueue();
        var clock = Stopwatch.StartNew();
        var (raised, how) = QueueTargets.Attempt(() => queue.Get(timeout: TimeSpan.FromMilliseconds(100)));
        return new(Observe.Pairs(("raised", raised)), $"Get(timeout: 0.1 s) on an empty queue: {how} after {clock.Elapsed.TotalSeconds:0.000} s");
    }
}
