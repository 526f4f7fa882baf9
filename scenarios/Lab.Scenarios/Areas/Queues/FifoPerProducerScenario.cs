using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Queues;

public sealed class FifoPerProducerScenario : Scenario
{
    public override string Id => "queues.fifo-per-producer";
    public override string Rule => "With several producer processes on one queue, a consumer receives every item exactly once, and each producer's items in the order it put them.";
    public override string Source => "seeds 59.12 Queues ('process-safe message passing'); CPython docs, multiprocessing.Queue";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
    [
        Case(3, 200),
        Case(4, 1000),
    ];

    private static ScenarioCase Case(int producers, int items) =>
        new($"{producers}x{items}", new Dictionary<string, object?> { ["producers"] = producers, ["items"] = items }, "delivered_all=true;fifo_per_producer=true");
}
