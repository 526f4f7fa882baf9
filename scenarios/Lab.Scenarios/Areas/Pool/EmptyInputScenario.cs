using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pool;

public sealed class EmptyInputScenario : PoolScenario
{
    public override string Id => "pool.empty-input";
    public override string Rule => "map, starmap, imap and imap_unordered over an empty input give an empty result at once.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("2 workers", P(("processes", 2)), "map=0;starmap=0;imap=0;imap_unordered=0")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var pool = new Engine.Pool(Int(@case, "processes"), context: context);
        if (!Bounded(() => (
                    pool.Map<int, int>(PoolFunctions.Square, []).Count,
                    pool.StarMap<int>((Func<int, int, int>)PoolFunctions.Add, []).Count,
                    pool.IMap<int, int>(PoolFunctions.Square, []).Count(),
                    pool.IMapUnordered<int, int>(PoolFunctions.Square, []).Count()),
                budget, out var n))
            return PoolObserve.Hang("calls over an empty input", budget);
        return new(Observe.Pairs(("map", n.Item1), ("starmap", n.Item2), ("imap", n.Item3), ("imap_unordered", n.Item4)));
    }
}
