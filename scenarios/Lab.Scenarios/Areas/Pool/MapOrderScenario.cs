using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

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

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var n = Int(@case, "n");
        var func = PoolFunctions.Function((string)@case.Params["function"]!);
        var data = Enumerable.Range(0, n).ToList();
        var expected = data.Select(func).ToList();
        var deadline = Environment.TickCount64 + (long)budget.TotalMilliseconds;
        var pairs = new List<(string, object?)>();
        using var pool = new Engine.Pool(Int(@case, "processes"), context: context);
        foreach (var size in new int?[] { null }.Concat(((IEnumerable<int>)@case.Params["chunksizes"]!).Select(c => (int?)c)))
        {
            var left = TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));
            if (!PoolObserve.TryGet(pool.MapAsync(func, data, size), left, out var got)) return PoolObserve.Hang($"map chunksize={size}", left);
            pairs.Add(($"chunksize_{size?.ToString() ?? "default"}", got.SequenceEqual(expected)));
        }
        return new(Observe.Pairs([.. pairs]));
    }
}
