using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>Maps RecordThenRaise13 over range(n) and reports the raised error, its remote traceback and the tasks that ran.</summary>
public sealed class TaskExceptionTwin : PoolTwin
{
    public override string Id => "pool.task-exception";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var directory = TempDirectory("tasks");
        try
        {
            string raised = "none", message = "";
            var remote = false;
            using (var pool = new Engine.Pool(Int(@case, "processes"), (Action<string>)PoolFunctions.InitRecord, [directory.FullName], context: context))
            {
                try
                {
                    if (!TryGet(pool.MapAsync<int, int>(PoolFunctions.RecordThenRaise13, Enumerable.Range(0, Int(@case, "n")), Int(@case, "chunksize")), budget, out _))
                        return Hang("map with a failing element", budget);
                }
                catch (Exception e)
                {
                    (raised, message) = (Kind(e), Message(e));
                    remote = Unwrap(e).InnerException is RemoteTaskError;
                }
            }
            var ran = directory.GetFiles("task-*").Length;
            return new(Observe.Pairs(("raised", raised), ("message", message), ("remote_traceback", remote), ("tasks_run", ran)));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
