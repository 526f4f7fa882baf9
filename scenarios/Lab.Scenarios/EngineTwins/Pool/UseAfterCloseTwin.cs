using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>Calls join before close, map and apply after close, and join after close, and reports each refusal.</summary>
public sealed class UseAfterCloseTwin : PoolTwin
{
    public override string Id => "pool.use-after-close";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var pool = new Engine.Pool(1, context: context);
        var joinRunning = Refusal(() => pool.Join(TimeSpan.Zero));
        pool.Close();
        var mapClosed = Refusal(() => pool.Map<int, int>(PoolFunctions.Square, [1, 2]));
        var applyClosed = Refusal(() => pool.ApplyAsync<int>((Func<int, int>)PoolFunctions.Square, [1]));
        var joined = pool.Join(budget);
        return new(Observe.Pairs(("join_while_running", joinRunning), ("map_after_close", mapClosed), ("apply_after_close", applyClosed),
            ("join_after_close", joined ? "ok" : "timeout")));
    }
}
