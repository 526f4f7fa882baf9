using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>One worker, maxtasksperchild=2, six sequential applies: the worker exits after two tasks and the pool
/// replaces it (pool.py worker(): <c>while maxtasks is None or (maxtasks and completed &lt; maxtasks)</c>; _maintain_pool).</summary>
public sealed class MaxTasksPerChildScenario : PoolScenario
{
    public override string Id => "pool.maxtasksperchild-replaces-workers";
    public override string Rule => "A worker that has run maxtasksperchild tasks exits and is replaced by a new worker.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("1 worker, limit 2, 6 applies", P(("maxtasksperchild", 2), ("tasks", 6)), "distinct_pids=3;pattern=0,0,1,1,2,2")];
}
