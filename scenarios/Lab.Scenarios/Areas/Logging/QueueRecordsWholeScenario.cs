using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Logging;

/// <summary>
/// Logging through a queue (seeds 59.25): workers send their records through one queue to one listener in the parent,
/// which hands them to the parent's own logging. The engine's pair is QueueLoggerProvider / QueueLogListener over
/// Microsoft.Extensions.Logging; CPython's is logging.handlers.QueueHandler / QueueListener.
/// </summary>
public sealed class QueueRecordsWholeScenario : Scenario
{
    public override string Id => "logging.queue-records-whole";
    public override string Rule => "Records that several children log through a queue all reach the parent's listener, each whole (its message and structured values intact), in each child's own order.";
    public override string Source => "seeds 59.25 Logging ('a common pattern is to send log records through a queue to a single listener'); CPython logging.handlers.QueueHandler, QueueListener";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("4 workers x 50 records", new Dictionary<string, object?> { ["workers"] = 4, ["records"] = 50 }, "records=200;whole=200;per_worker_order=true")];
}
