using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>Runs imap_unordered and imap of square and compares them with the sequential results.</summary>
public sealed class ImapUnorderedPermutationTwin : PoolTwin
{
    public override string Id => "pool.imap-unordered-permutation";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var data = Enumerable.Range(0, Int(@case, "n")).ToList();
        var size = Int(@case, "chunksize");
        var expected = data.Select(PoolFunctions.Square).ToList();
        using var pool = new Engine.Pool(Int(@case, "processes"), context: context);
        if (!Bounded(() => (pool.IMapUnordered<int, int>(PoolFunctions.Square, data, size).ToList(), pool.IMap<int, int>(PoolFunctions.Square, data, size).ToList()),
                budget, out var got))
            return Hang("imap_unordered and imap", budget);
        var (unordered, ordered) = got;
        return new(Observe.Pairs(("imap_unordered_permutation", unordered.Order().SequenceEqual(expected.Order())), ("imap_in_order", ordered.SequenceEqual(expected))),
            $"imap_unordered order: {string.Join(",", unordered.Take(12))}");
    }
}
