using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>Applies getpid sequentially on one worker with a maxTasksPerChild limit, and reports the pattern of pids.</summary>
public sealed class MaxTasksPerChildTwin : PoolTwin
{
    public override string Id => "pool.maxtasksperchild-replaces-workers";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var pool = new Engine.Pool(1, maxTasksPerChild: Int(@case, "maxtasksperchild"), context: context);
        var pids = new List<int>();
        for (var i = 0; i < Int(@case, "tasks"); i++)
        {
            if (!TryGet(pool.ApplyAsync<int>((Func<int, int>)PoolFunctions.GetPid, [i]), budget, out var pid)) return Hang($"apply {i}", budget);
            pids.Add(pid);
        }
        var order = pids.Distinct().ToList();
        return new(Observe.Pairs(("distinct_pids", order.Count), ("pattern", string.Join(",", pids.Select(p => order.IndexOf(p))))),
            $"pids: {string.Join(",", pids)}");
    }
}
