using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Executor;

/// <summary>One worker runs a blocking task, nine are queued, then shutdown(wait=False, cancel_futures=True): a later
/// submit raises "cannot schedule new futures after shutdown" (process.py submit, RuntimeError; the engine's
/// PoolStateError), the running task finishes, the queued ones not yet handed over are cancelled. How many were already
/// handed over differs (CPython's manager thread moves them asynchronously), so the last one and the first one are observed.</summary>
public sealed class ShutdownCancelFuturesScenario : ExecutorScenario
{
    public override string Id => "executor.shutdown-cancel-futures";
    public override string Rule => "shutdown(cancel_futures=True) cancels the futures not started, lets the running one finish, and refuses later submissions.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
    [
        new("1 worker, 9 queued", new Dictionary<string, object?> { ["queued"] = 9 },
            "submit_after=refused:cannot schedule new futures after shutdown;running_result=7;last_cancelled=true;first_queued_ended=true"),
    ];
}
