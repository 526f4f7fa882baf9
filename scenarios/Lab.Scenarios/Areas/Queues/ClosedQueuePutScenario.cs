using Lab.Engine;
using Lab.Engine.Queues;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Queues;

public sealed class ClosedQueuePutScenario : Scenario
{
    public override string Id => "queues.closed-queue-put";
    public override string Rule => "put() on a queue closed in this process raises an error (CPython: ValueError 'Queue ... is closed').";
    public override string Source => "seeds 59.12 Queues; CPython docs, Queue.close(); multiprocessing/queues.py _check_closed";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=closed")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var queue = new ProcessQueue();
        queue.Close();
        var (raised, how) = QueueTargets.Attempt(() => queue.Put(1));
        return new(Observe.Pairs(("raised", raised)), $"Put after Close(): {how}");
    }
}
