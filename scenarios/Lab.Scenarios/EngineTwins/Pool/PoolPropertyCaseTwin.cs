using System.Collections;
using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>One generated case of the pool properties (pool.map-property): runs map, starmap or imap_unordered of a
/// fixed-set function over the case's data and reports the result, or the error a failing map raised.</summary>
public sealed class PoolPropertyCaseTwin : PoolTwin
{
    public override string Id => "pool.property-case";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var op = (string)@case.Params["op"]!;
        if (op is not ("map" or "starmap" or "imap_unordered")) throw new ArgumentException($"unknown pool operation '{op}' (map, starmap, imap_unordered)");
        var function = (string)@case.Params["function"]!;
        var data = ((IEnumerable)@case.Params["data"]!).Cast<object?>().ToList();
        var chunksize = OptionalInt(@case, "chunksize");
        using var pool = new Engine.Pool(Int(@case, "processes"), context: context);
        try
        {
            List<int> results;
            switch (op)
            {
                case "starmap":
                    var pairs = data.Select(p => ((IEnumerable)p!).Cast<object?>().Select(v => (object?)ToInt(v)).ToArray()).ToList();
                    if (!TryGet(pool.StarMapAsync<int>(PoolFunctions.StarFunction(function), pairs, chunksize), budget, out results)) return Hang("starmap", budget);
                    break;
                case "imap_unordered":
                    var func = PoolFunctions.Function(function);
                    var items = data.Select(ToInt).ToList();
                    if (!Bounded(() => pool.IMapUnordered(func, items, chunksize ?? 1).Order().ToList(), budget, out results)) return Hang("imap_unordered", budget);
                    break;
                default:
                    if (!TryGet(pool.MapAsync(PoolFunctions.Function(function), data.Select(ToInt).ToList(), chunksize), budget, out results)) return Hang("map", budget);
                    break;
            }
            return Observe.Pairs(("result", string.Join(",", results)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Observe.Pairs(("raised", Kind(e)), ("message", Message(e)));
        }
    }
}
