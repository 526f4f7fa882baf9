using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Queues;

public sealed class PutTimeoutFullScenario : Scenario
{
    public override string Id => "queues.put-timeout-full";
    public override string Rule => "put(timeout=0.1) on a full queue (maxsize 1, one item in) raises queue.Full after the timeout.";
    public override string Source => "seeds 59.12 Queues; CPython docs, Queue.put(obj[, block[, timeout]])";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=full")];
}
