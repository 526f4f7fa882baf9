using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Queues;

public sealed class ClosedQueuePutScenario : Scenario
{
    public override string Id => "queues.closed-queue-put";
    public override string Rule => "put() on a queue closed in this process raises an error (CPython: ValueError 'Queue ... is closed').";
    public override string Source => "seeds 59.12 Queues; CPython docs, Queue.close(); multiprocessing/queues.py _check_closed";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=closed")];
}
