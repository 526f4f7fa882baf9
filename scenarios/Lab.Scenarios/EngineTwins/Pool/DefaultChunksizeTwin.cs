using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>Maps PidOfTask with maxTasksPerChild 1 and reports the runs of equal pids: the chunks map cut its input into.</summary>
public sealed class DefaultChunksizeTwin : PoolTwin
{
    public override string Id => "pool.default-chunksize";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var pool = new Engine.Pool(Int(@case, "processes"), maxTasksPerChild: 1, context: context);
        if (!TryGet(pool.MapAsync<int, int>(PoolFunctions.PidOfTask, Enumerable.Range(0, Int(@case, "n")), OptionalInt(@case, "chunksize")), budget, out var pids))
            return Hang("map with maxTasksPerChild 1", budget);
        return new(Observe.Pairs(("chunks", Runs(pids))), $"pids in input order: {string.Join(",", pids)}");
    }
}
