using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>Applies a task returning an unserializable value between two getpid applies, and reports the error and the pids.</summary>
public sealed class UnserializableResultTwin : PoolTwin
{
    public override string Id => "pool.unserializable-result";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var pool = new Engine.Pool(1, context: context);
        if (!TryGet(pool.ApplyAsync<int>((Func<int, int>)PoolFunctions.GetPid, [0]), budget, out var before)) return Hang("apply(getpid)", budget);
        bool failed;
        string kind, text;
        try
        {
            if (!TryGet(pool.ApplyAsync<object>((Func<int, object>)PoolFunctions.ReturnUnserializable, [0]), budget, out _))
                return Hang("apply returning an unserializable value", budget);
            (failed, kind, text) = (false, "none", "");
        }
        catch (Exception e)
        {
            (failed, kind, text) = (true, Kind(e), Unwrap(e).Message);
        }
        if (!TryGet(pool.ApplyAsync<int>((Func<int, int>)PoolFunctions.GetPid, [0]), budget, out var after)) return Hang("apply(getpid) after the failure", budget);
        return new(Observe.Pairs(("task_failed", failed), ("error", kind), ("worker_pid_unchanged", before == after)), $"error: {text}");
    }
}
