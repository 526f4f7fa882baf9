using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Lab.Engine.Tests.Pools;

/// <summary>
/// Issue #10 §1: a failed item raises at its own position and the iteration goes on, as CPython's IMapIterator does
/// (with chunksize 1, `next()` after the exception yields the following items). Before the fix the results came from a
/// C# iterator whose throw ended the enumeration: 0..4, the error, then nothing.
/// </summary>
public class PoolIMapErrorTests
{
    /// <summary>Everything an iteration delivers: good results and failure messages in the order they surfaced.</summary>
    private static (List<int> Good, List<string> Failures) Drain(IMapIterator<int> iterator)
    {
        var good = new List<int>();
        var failures = new List<string>();
        while (true)
        {
            try
            {
                if (!iterator.TryNext(out var value, Limits.Join)) return (good, failures);
                good.Add(value);
            }
            catch (InvalidOperationException e)
            {
                failures.Add(e.Message);
            }
        }
    }

    [Fact]
    public void IMap_FailedItem_RaisedAtItsPositionThenTheRestFollow() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        var items = new[] { 0, 1, 2, 3, 4, -5, 6, 7, 8, 9 };
        var iterator = pool.IMap<int, int>(PoolTargets.FailOnNegative, items, 1);
        var seen = new List<string>();
        while (true)
        {
            try
            {
                if (!iterator.MoveNext()) break;
                seen.Add(iterator.Current.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (InvalidOperationException e)
            {
                seen.Add(e.Message);
            }
        }
        Assert.Equal(["0", "2", "4", "6", "8", "negative -5", "12", "14", "16", "18"], seen);
    });

    [Fact]
    public void IMap_ForeachStoppedByAFailure_SecondForeachContinues() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        var results = pool.IMap<int, int>(PoolTargets.FailOnNegative, [1, -2, 3, 4], 1);
        var first = new List<int>();
        var error = Assert.Throws<InvalidOperationException>(() => { foreach (var r in results) first.Add(r); });
        Assert.Equal("negative -2", error.Message);
        Assert.Equal([2], first);
        Assert.Equal([6, 8], results.ToList());
    });

    [Fact]
    public void IMapUnordered_FailedItem_EveryGoodResultStillDelivered() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        var items = Enumerable.Range(0, 30).Select(i => i % 7 == 3 ? -i : i).ToArray();
        var (good, failures) = Drain(pool.IMapUnordered<int, int>(PoolTargets.FailOnNegative, items, 1));
        Assert.Equal(items.Where(x => x >= 0).Select(x => 2 * x).Order(), good.Order());
        Assert.Equal(items.Where(x => x < 0).Select(x => $"negative {x}").Order(), failures.Order());
    });

    [Fact]
    public void IMap_ChunkWithAFailure_OneFailureForTheChunkThenLaterChunks() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        var (good, failures) = Drain(pool.IMap<int, int>(PoolTargets.FailOnNegative, [0, 1, 2, 3, 4, -5, 6, 7, 8, 9], 3));
        // Chunks [0,1,2] [3,4,-5] [6,7,8] [9]: the second fails as a whole (CPython's mapstar stops at its first error).
        Assert.Equal([0, 2, 4, 12, 14, 16, 18], good);
        Assert.Equal(["negative -5"], failures);
    });

    [Fact]
    public void IMap_TryNextTimesOut_NothingLost_TheResultFollowsLater() => Bounded.Run(() =>
    {
        var gate = Path.Combine(Path.GetTempPath(), $"lab-imap-gate-{Guid.NewGuid():N}");
        try
        {
            using var pool = new Pool(1);
            var iterator = pool.IMap<string, int>(PoolTargets.WaitForFile, [gate], 1);
            Assert.Throws<TimeoutException>(() => iterator.TryNext(out _, TimeSpan.FromMilliseconds(50)));
            File.WriteAllText(gate, "");
            Assert.True(iterator.TryNext(out var value, Limits.Join));
            Assert.Equal(1, value);
            Assert.False(iterator.TryNext(out _, TimeSpan.Zero));
        }
        finally
        {
            File.Delete(gate);
        }
    });

    private sealed record Case(int[] Items, int Chunksize, bool Ordered);

    private static readonly Gen<Case> Cases =
        from items in Gen.Choose(-50, 50).ArrayOf()
        from chunksize in Gen.Elements(1, 1, 1, 2, 3, 5)
        from ordered in Gen.Elements(true, false)
        select new Case(items, chunksize, ordered);

    /// <summary>For random inputs with failures at random positions: the good results delivered are exactly those of
    /// the chunks without a failure (with chunksize 1: every non-failing input), in input order for IMap and as a
    /// multiset for IMapUnordered, and each failed chunk surfaces exactly once, with its first failing item.</summary>
    [Fact]
    public void IMap_RandomFailures_GoodItemsExactlyDelivered_EachFailureOnce() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        PropertyCheck.Run(Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var chunks = c.Items.Chunk(c.Chunksize).ToList();
            var expectedGood = chunks.Where(ch => ch.All(x => x >= 0)).SelectMany(ch => ch).Select(x => 2 * x).ToList();
            var expectedFailures = chunks.Where(ch => ch.Any(x => x < 0)).Select(ch => $"negative {ch.First(x => x < 0)}").ToList();
            var iterator = c.Ordered
                ? pool.IMap<int, int>(PoolTargets.FailOnNegative, c.Items, c.Chunksize)
                : pool.IMapUnordered<int, int>(PoolTargets.FailOnNegative, c.Items, c.Chunksize);
            var (good, failures) = Drain(iterator);
            return c.Ordered
                ? good.SequenceEqual(expectedGood) && failures.SequenceEqual(expectedFailures)
                : good.Order().SequenceEqual(expectedGood.Order()) && failures.Order().SequenceEqual(expectedFailures.Order());
        }), maxTest: 60);
    });
}
