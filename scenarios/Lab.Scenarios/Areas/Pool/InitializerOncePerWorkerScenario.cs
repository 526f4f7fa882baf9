using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>Each worker runs the initializer once, before its first task (pool.py worker(): <c>if initializer is not
/// None: initializer(*initargs)</c>). The initializer leaves one file per run; tasks report the worker's run count.</summary>
public sealed class InitializerOncePerWorkerScenario : PoolScenario
{
    public override string Id => "pool.initializer-once-per-worker";
    public override string Rule => "The initializer runs exactly once in each worker, before any task of that worker.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("3 workers, 30 tasks", P(("processes", 3), ("tasks", 30)), "initializer_runs=3;workers=3;tasks_saw_one_run=true")];
}
