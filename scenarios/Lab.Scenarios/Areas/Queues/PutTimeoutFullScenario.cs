using System.Diagnostics;
using Lab.Engine;
using Lab.Engine.Queues;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Queues;

public sealed class PutTimeoutFullScenario : Scenario
{
    public override string Id => "queues.put-timeout-full";
    public override string Rule => "put(timeout=0.1) on a full queue (maxsize 1, one item in) raises queue.Full after the timeout.";
    public override string Source => "seeds 59.12 Queues; CPython docs, Queue.put(obj[, block[, timeout]])";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=full")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var queue = new ProcessQueue(maxsize: 1);
        queue.Put(1);
        var clock = Stopwatch.StartNew();
        var (raised, how) = QueueTargets.Attempt(() => queue.Put(2, timeout: TimeSpan.FromMilliseconds(100)));
        var waited = clock.Elapsed;
        queue.Get(timeout: TimeSpan.FromSeconds(5)); // leave the pipe empty
        return new(Observe.Pairs(("raised", raised)), $"maxsize 1, one item in; Put(timeout: 0.1 s): {how} after {waited.TotalSeconds:0.000} s");
    }
}
