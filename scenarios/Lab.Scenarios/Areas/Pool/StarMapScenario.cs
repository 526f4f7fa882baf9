using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

public sealed class StarMapScenario : PoolScenario
{
    public override string Id => "pool.starmap";
    public override string Rule => "Pool.starmap unpacks each argument tuple (the sequential starmap's results, in order); Pool.apply calls once with the arguments.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("sub over (i, 2i+1), 2 workers", P(("n", 30), ("processes", 2)), "starmap_equals_sequential=true;apply=5")];
}
