using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>One worker, maxtasksperchild=2, six sequential applies: the worker exits after two tasks and the pool
/// replaces it (pool.py worker(): <c>while maxtasks is None or (maxtasks and completed &lt; maxtasks)</c>; _maintain_pool).</summary>
public sealed class MaxTasksPerChildScenario : PoolScenario
{
    public override string Id => "pool.maxtasksperchild-replaces-workers";
    public override string Rule => "A worker that has run maxtasksperchild tasks exits and is replaced by a new worker.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("1 worker, limit 2, 6 applies", P(("maxtasksperchild", 2), ("tasks", 6)), "distinct_pids=3;pattern=0,0,1,1,2,2")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var pool = new Engine.Pool(1, maxTasksPerChild: Int(@case, "maxtasksperchild"), context: context);
        var pids = new List<int>();
        for (var i = 0; i < Int(@case, "tasks"); i++)
        {
            if (!PoolObserve.TryGet(pool.ApplyAsync<int>((Func<int, int>)PoolFunctions.GetPid, [i]), budget, out var pid)) return PoolObserve.Hang($"apply {i}", budget);
            pids.Add(pid);
        }
        var order = pids.Distinct().ToList();
        return new(Observe.Pairs(("distinct_pids", order.Count), ("pattern", string.Join(",", pids.Select(p => order.IndexOf(p))))),
            $"pids: {string.Join(",", pids)}");
    }
}
