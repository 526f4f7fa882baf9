using Lab.Scenarios.Model;

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
}
