using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>Maps InitCount over a pool whose initializer leaves one file per run, and counts the runs per worker.</summary>
public sealed class InitializerOncePerWorkerTwin : PoolTwin
{
    public override string Id => "pool.initializer-once-per-worker";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var directory = TempDirectory("init");
        try
        {
            List<int> counts;
            using (var pool = new Engine.Pool(Int(@case, "processes"), (Action<string>)PoolFunctions.InitRecord, [directory.FullName], context: context))
            {
                if (!TryGet(pool.MapAsync<int, int>(PoolFunctions.InitCount, Enumerable.Range(0, Int(@case, "tasks")), 1), budget, out counts))
                    return Hang("map of init_count", budget);
                pool.Close();
                if (!pool.Join(budget)) return Hang("join after close", budget);
            }
            var files = directory.GetFiles("init-*").Select(f => f.Name).ToList();
            var workers = files.Select(f => f.Split('-')[1]).Distinct().Count();
            return new(Observe.Pairs(("initializer_runs", files.Count), ("workers", workers), ("tasks_saw_one_run", counts.All(c => c == 1))),
                $"initializer files: {string.Join(",", files.Order())}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
