using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pool;

public sealed class StarMapScenario : PoolScenario
{
    public override string Id => "pool.starmap";
    public override string Rule => "Pool.starmap unpacks each argument tuple (the sequential starmap's results, in order); Pool.apply calls once with the arguments.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("sub over (i, 2i+1), 2 workers", P(("n", 30), ("processes", 2)), "starmap_equals_sequential=true;apply=5")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var data = Enumerable.Range(0, Int(@case, "n")).Select(i => new object?[] { i, 2 * i + 1 }).ToList();
        var expected = data.Select(a => PoolFunctions.Sub((int)a[0]!, (int)a[1]!)).ToList();
        using var pool = new Engine.Pool(Int(@case, "processes"), context: context);
        if (!PoolObserve.TryGet(pool.StarMapAsync<int>((Func<int, int, int>)PoolFunctions.Sub, data), budget, out var got))
            return PoolObserve.Hang("starmap", budget);
        if (!PoolObserve.TryGet(pool.ApplyAsync<int>((Func<int, int, int>)PoolFunctions.Add, [2, 3]), budget, out var one))
            return PoolObserve.Hang("apply", budget);
        return new(Observe.Pairs(("starmap_equals_sequential", got.SequenceEqual(expected)), ("apply", one)));
    }
}
