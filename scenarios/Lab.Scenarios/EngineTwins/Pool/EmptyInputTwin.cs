using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>Calls map, starmap, imap and imap_unordered over an empty input and reports each result's length.</summary>
public sealed class EmptyInputTwin : PoolTwin
{
    public override string Id => "pool.empty-input";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var pool = new Engine.Pool(Int(@case, "processes"), context: context);
        if (!Bounded(() => (
                    pool.Map<int, int>(PoolFunctions.Square, []).Count,
                    pool.StarMap<int>((Func<int, int, int>)PoolFunctions.Add, []).Count,
                    pool.IMap<int, int>(PoolFunctions.Square, []).Count(),
                    pool.IMapUnordered<int, int>(PoolFunctions.Square, []).Count()),
                budget, out var n))
            return Hang("calls over an empty input", budget);
        return new(Observe.Pairs(("map", n.Item1), ("starmap", n.Item2), ("imap", n.Item3), ("imap_unordered", n.Item4)));
    }
}
