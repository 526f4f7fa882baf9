using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>A task returns a value that cannot be sent back (CPython: a lock, MaybeEncodingError; the engine: a value
/// outside the channel's tag set). That task fails with a serialization error and the worker lives on.</summary>
public sealed class UnserializableResultScenario : PoolScenario
{
    public override string Id => "pool.unserializable-result";
    public override string Rule => "A task whose result cannot be serialized fails with a serialization error; the worker survives (same pid afterwards).";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [ScenarioCase.Single("task_failed=true;error=serialization_error;worker_pid_unchanged=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var pool = new Engine.Pool(1, context: context);
        if (!PoolObserve.TryGet(pool.ApplyAsync<int>((Func<int, int>)PoolFunctions.GetPid, [0]), budget, out var before)) return PoolObserve.Hang("apply(getpid)", budget);
        bool failed;
        string kind, text;
        try
        {
            if (!PoolObserve.TryGet(pool.ApplyAsync<object>((Func<int, object>)PoolFunctions.ReturnUnserializable, [0]), budget, out _))
                return PoolObserve.Hang("apply returning an unserializable value", budget);
            (failed, kind, text) = (false, "none", "");
        }
        catch (Exception e)
        {
            (failed, kind, text) = (true, PoolObserve.Kind(e), PoolObserve.Unwrap(e).Message);
        }
        if (!PoolObserve.TryGet(pool.ApplyAsync<int>((Func<int, int>)PoolFunctions.GetPid, [0]), budget, out var after)) return PoolObserve.Hang("apply(getpid) after the failure", budget);
        return new(Observe.Pairs(("task_failed", failed), ("error", kind), ("worker_pid_unchanged", before == after)), $"error: {text}");
    }
}
