using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Executor;

/// <summary>One worker runs a blocking task; nine more are queued; the running one's cancel() fails and the last three
/// cancel (_base.py Future.cancel: only a PENDING future cancels). The rest run. CPython hands at most
/// max_workers + 1 call items to its workers (process.py EXTRA_QUEUED_CALLS), the engine two per worker: the last
/// three are pending on both.</summary>
public sealed class CancelBeforeStartScenario : ExecutorScenario
{
    public override string Id => "executor.cancel-before-start";
    public override string Rule => "Cancelling a future that has not started removes it; a running one cannot be cancelled and runs to completion.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
    [
        new("1 worker, 9 queued, cancel the last 3", new Dictionary<string, object?> { ["queued"] = 9, ["cancel"] = 3 },
            "running_cancel=false;pending_cancel=true;cancelled=3;results=0,1,4,9,16,25,36"),
    ];
}
