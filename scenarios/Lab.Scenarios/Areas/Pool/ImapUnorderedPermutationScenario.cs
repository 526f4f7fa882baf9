using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pool;

public sealed class ImapUnorderedPermutationScenario : PoolScenario
{
    public override string Id => "pool.imap-unordered-permutation";
    public override string Rule => "Pool.imap_unordered yields a permutation of the results (in completion order); Pool.imap yields them in input order.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("range(40), 3 workers, chunksize 1", P(("n", 40), ("processes", 3), ("chunksize", 1)), "imap_unordered_permutation=true;imap_in_order=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var data = Enumerable.Range(0, Int(@case, "n")).ToList();
        var size = Int(@case, "chunksize");
        var expected = data.Select(PoolFunctions.Square).ToList();
        using var pool = new Engine.Pool(Int(@case, "processes"), context: context);
        if (!Bounded(() => (pool.IMapUnordered<int, int>(PoolFunctions.Square, data, size).ToList(), pool.IMap<int, int>(PoolFunctions.Square, data, size).ToList()),
                budget, out var got))
            return PoolObserve.Hang("imap_unordered and imap", budget);
        var (unordered, ordered) = got;
        return new(Observe.Pairs(("imap_unordered_permutation", unordered.Order().SequenceEqual(expected.Order())), ("imap_in_order", ordered.SequenceEqual(expected))),
            $"imap_unordered order: {string.Join(",", unordered.Take(12))}");
    }
}
