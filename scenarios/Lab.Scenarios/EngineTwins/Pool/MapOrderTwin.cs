using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>Maps the case's function with the default chunksize and each listed one, and compares with the sequential map.</summary>
public sealed class MapOrderTwin : PoolTwin
{
    public override string Id => "pool.map-order";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
            if (!TryGet(pool.MapAsync(func, data, size), left, out var got)) return Hang($"map chunksize={size}", left);
            pairs.Add(($"chunksize_{size?.ToString() ?? "default"}", got.SequenceEqual(expected)));
        }
        return new(Observe.Pairs([.. pairs]));
    }
}
