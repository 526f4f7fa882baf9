using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>pool.py: join() before close() raises ValueError("Pool is still running"); submitting after close() raises
/// ValueError("Pool not running") (_check_running). The engine's PoolStateError carries the same texts.</summary>
public sealed class UseAfterCloseScenario : PoolScenario
{
    public override string Id => "pool.use-after-close";
    public override string Rule => "join before close is refused ('Pool is still running'); map and apply after close are refused ('Pool not running'); join after close returns.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
    [
        ScenarioCase.Single("join_while_running=refused:Pool is still running;map_after_close=refused:Pool not running;" +
                            "apply_after_close=refused:Pool not running;join_after_close=ok"),
    ];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var pool = new Engine.Pool(1, context: context);
        var joinRunning = PoolObserve.Refusal(() => pool.Join(TimeSpan.Zero));
        pool.Close();
        var mapClosed = PoolObserve.Refusal(() => pool.Map<int, int>(PoolFunctions.Square, [1, 2]));
        var applyClosed = PoolObserve.Refusal(() => pool.ApplyAsync<int>((Func<int, int>)PoolFunctions.Square, [1]));
        var joined = pool.Join(budget);
        return new(Observe.Pairs(("join_while_running", joinRunning), ("map_after_close", mapClosed), ("apply_after_close", applyClosed),
            ("join_after_close", joined ? "ok" : "timeout")));
    }
}
