using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>Each worker runs the initializer once, before its first task (pool.py worker(): <c>if initializer is not
/// None: initializer(*initargs)</c>). The initializer leaves one file per run; tasks report the worker's run count.</summary>
public sealed class InitializerOncePerWorkerScenario : PoolScenario
{
    public override string Id => "pool.initializer-once-per-worker";
    public override string Rule => "The initializer runs exactly once in each worker, before any task of that worker.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("3 workers, 30 tasks", P(("processes", 3), ("tasks", 30)), "initializer_runs=3;workers=3;tasks_saw_one_run=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var directory = PoolObserve.TempDirectory("init");
        try
        {
            List<int> counts;
            using (var pool = new Engine.Pool(Int(@case, "processes"), (Action<string>)PoolFunctions.InitRecord, [directory.FullName], context: context))
            {
                if (!PoolObserve.TryGet(pool.MapAsync<int, int>(PoolFunctions.InitCount, Enumerable.Range(0, Int(@case, "tasks")), 1), budget, out counts))
                    return PoolObserve.Hang("map of init_count", budget);
                pool.Close();
                if (!pool.Join(budget)) return PoolObserve.Hang("join after close", budget);
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
