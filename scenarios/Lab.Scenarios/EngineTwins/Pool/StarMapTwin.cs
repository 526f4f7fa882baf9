using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>Runs starmap(sub) over (i, 2i+1) and apply(add, 2, 3), and compares with the sequential results.</summary>
public sealed class StarMapTwin : PoolTwin
{
    public override string Id => "pool.starmap";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var data = Enumerable.Range(0, Int(@case, "n")).Select(i => new object?[] { i, 2 * i + 1 }).ToList();
        var expected = data.Select(a => PoolFunctions.Sub((int)a[0]!, (int)a[1]!)).ToList();
        using var pool = new Engine.Pool(Int(@case, "processes"), context: context);
        if (!TryGet(pool.StarMapAsync<int>((Func<int, int, int>)PoolFunctions.Sub, data), budget, out var got))
            return Hang("starmap", budget);
        if (!TryGet(pool.ApplyAsync<int>((Func<int, int, int>)PoolFunctions.Add, [2, 3]), budget, out var one))
            return Hang("apply", budget);
        return new(Observe.Pairs(("starmap_equals_sequential", got.SequenceEqual(expected)), ("apply", one)));
    }
}
