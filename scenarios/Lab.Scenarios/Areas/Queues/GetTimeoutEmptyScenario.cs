using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Queues;

public sealed class GetTimeoutEmptyScenario : Scenario
{
    public override string Id => "queues.get-timeout-empty";
    public override string Rule => "get(timeout=0.1) on an empty queue raises queue.Empty after the timeout.";
    public override string Source => "seeds 59.12 Queues; CPython docs, Queue.get([block[, timeout]])";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=empty")];
}
