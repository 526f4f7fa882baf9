using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

public sealed class MapOrderScenario : PoolScenario
{
    private static readonly int[] Chunksizes = [1, 3, 100];

    public override string Id => "pool.map-order";
    public override string Rule => "Pool.map returns the sequential map's results in input order, whatever the chunksize (the default included).";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
    [
        new("square over range(50), 2 workers", P(("n", 50), ("processes", 2), ("chunksizes", Chunksizes.ToList()), ("function", "square")),
            "chunksize_default=true;chunksize_1=true;chunksize_3=true;chunksize_100=true"),
    ];
}
