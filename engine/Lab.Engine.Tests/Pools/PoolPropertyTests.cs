using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Lab.Engine.Tests.Pools;

/// <summary>Map, StarMap, IMap and IMapUnordered against their sequential meaning, over random inputs, worker
/// counts 1..4, chunksizes 1..len+1 or the default, and a fixed set of functions covering the typed (int/long/double)
/// and general paths. One pool per worker count is reused across cases (starting one costs tens of milliseconds);
/// the pools are stateless between maps, so reuse does not change what a case observes.</summary>
public class PoolPropertyTests
{
    private sealed record Case(int Workers, int[] Items, int? Chunksize, int Function);

    private static readonly Gen<Case> Cases =
        from workers in Gen.Choose(1, 4)
        from items in Gen.Choose(-1000, 1000).ArrayOf()
        from useDefault in Gen.Elements(true, false)
        from chunksize in Gen.Choose(1, items.Length + 1)
        from function in Gen.Choose(0, 4)
        select new Case(workers, items, useDefault ? null : chunksize, function);

    [Fact]
    public void Map_StarMap_IMap_MatchSequential_IMapUnorderedIsAPermutation() => Bounded.Run(() =>
    {
        var pools = new Dictionary<int, Pool>();
        try
        {
            PropertyCheck.Run(Prop.ForAll(Cases.ToArbitrary(), c =>
            {
                if (!pools.TryGetValue(c.Workers, out var pool)) pools[c.Workers] = pool = new Pool(c.Workers);
                var mapOk = c.Function switch
                {
                    0 => Same(pool, PoolTargets.Square, c),
                    1 => Same(pool, PoolTargets.Negate, c),
                    2 => Same(pool, PoolTargets.Show, c),
                    3 => Same(pool, PoolTargets.Widen, c),
                    _ => Same(pool, PoolTargets.Half, c),
                };
                var pairs = c.Items.Select((x, i) => new object?[] { x, i }).ToList();
                var starOk = pool.StarMap<int>((Func<int, int, int>)PoolTargets.Add, pairs, c.Chunksize)
                    .SequenceEqual(c.Items.Select((x, i) => x + i));
                return mapOk && starOk;
            }), maxTest: 40);
        }
        finally
        {
            foreach (var pool in pools.Values) pool.Dispose();
        }
    });

    private static bool Same<TResult>(Pool pool, Func<int, TResult> f, Case c)
    {
        var expected = c.Items.Select(f).ToList();
        var imapChunk = c.Chunksize ?? 1;
        return pool.Map(f, c.Items, c.Chunksize).SequenceEqual(expected)
            && pool.IMap(f, c.Items, imapChunk).SequenceEqual(expected)
            && pool.IMapUnordered(f, c.Items, imapChunk).Order().SequenceEqual(expected.Order());
    }
}
