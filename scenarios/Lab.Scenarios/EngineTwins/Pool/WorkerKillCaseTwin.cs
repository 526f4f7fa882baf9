using Lab.Engine;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>One generated shape of pool.worker-kill-property: SIGKILLs a worker of a map of the case's shape mid-task
/// and reports the map's error, as pool.worker-killed-during-map does.</summary>
public sealed class WorkerKillCaseTwin : PoolTwin
{
    public override string Id => "pool.worker-kill-case";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var directory = TempDirectory("killprop");
        try
        {
            using var pool = new Engine.Pool(Int(@case, "processes"), (Action<string>)PoolFunctions.InitRecord, [directory.FullName], context: context);
            var result = pool.MapAsync<int, int>(PoolFunctions.AnnounceThenBlock, Enumerable.Range(0, Int(@case, "tasks")), Int(@case, "chunksize"));
            return WorkerKilledDuringMapTwin.KillAndObserve(directory, result, budget);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
