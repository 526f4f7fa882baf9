using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Executor;

/// <summary>The only worker is SIGKILLed while it runs a task and four more are queued: every future raises a
/// broken-pool error and so does a later submit (process.py terminate_broken: BrokenProcessPool; the engine's
/// BrokenPoolError also names the pid and exit code -9, which the engine's tests check). Nothing hangs.</summary>
public sealed class WorkerKilledScenario : ExecutorScenario
{
    public override string Id => "executor.worker-killed";
    public override string Rule => "A worker that dies abruptly breaks the executor: every pending future and every later submission fail with a broken-pool error; nothing hangs.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
    [
        new("1 worker, 4 queued, SIGKILL mid-task", new Dictionary<string, object?> { ["queued"] = 4 },
            "futures_raised=broken_pool;submit_after=broken_pool"),
    ];
}
