using Lab.Engine;
using Lab.Scenarios.EngineTwins.Pool;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Executor;

/// <summary>Submits GetPid sequentially to one worker with a maxTasksPerChild limit and reports the pattern of pids.</summary>
public sealed class MaxTasksPerChildTwin : ExecutorTwin
{
    public override string Id => "executor.max-tasks-per-child";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var executor = new ProcessPoolExecutor(1, context, maxTasksPerChild: Int(@case, "limit"));
        var pids = new List<int>();
        for (var i = 0; i < Int(@case, "tasks"); i++)
        {
            if (!TryResult(executor.Submit(PoolFunctions.GetPid, i), budget, out var pid)) return Hang($"submit {i}", budget);
            pids.Add(pid);
        }
        var order = pids.Distinct().ToList();
        return new(Observe.Pairs(("distinct_pids", order.Count), ("pattern", string.Join(",", pids.Select(p => order.IndexOf(p))))),
            $"pids: {string.Join(",", pids)}");
    }
}
