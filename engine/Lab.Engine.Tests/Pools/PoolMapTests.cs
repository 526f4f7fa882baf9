using Lab.Engine.Pools;
using Xunit;

namespace Lab.Engine.Tests.Pools;

public class PoolMapTests
{
    private static readonly TimeSpan Wait = Limits.Join;

    [Fact]
    public void Map_Squares_KeepsOrder() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        var input = Enumerable.Range(0, 1000).ToList();
        Assert.Equal(input.Select(PoolTargets.Square), pool.Map<int, int>(PoolTargets.Square, input));
    });

    [Fact]
    public void Map_EveryChunksizeFromOneToPastLength_MatchesSequential() => Bounded.Run(() =>
    {
        using var pool = new Pool(3);
        var input = Enumerable.Range(-5, 23).ToList();
        var expected = input.Select(PoolTargets.Negate).ToList();
        for (var chunksize = 1; chunksize <= input.Count + 1; chunksize++)
            Assert.Equal(expected, pool.Map<int, int>(PoolTargets.Negate, input, chunksize));
        Assert.Equal(expected, pool.Map<int, int>(PoolTargets.Negate, input));
    });

    [Theory]
    [InlineData(0, 2, 0)]
    [InlineData(1, 2, 1)]
    [InlineData(8, 2, 1)]
    [InlineData(9, 2, 2)]
    [InlineData(100, 2, 13)]
    [InlineData(100000, 2, 12500)]
    [InlineData(100001, 2, 12501)]
    [InlineData(10, 4, 1)]
    [InlineData(17, 4, 2)]
    public void DefaultChunkSize_MatchesCPythonDivmodFormula(int length, int workers, int expected) =>
        Assert.Equal(expected, Chunking.DefaultChunkSize(length, workers));

    [Fact]
    public void Map_EmptyInput_ReturnsEmptyAtOnce() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        Assert.Empty(pool.Map<int, int>(PoolTargets.Square, []));
        Assert.Empty(pool.StarMap<int>((Func<int, int, int>)PoolTargets.Add, []));
        Assert.Empty(pool.IMap<int, int>(PoolTargets.Square, []));
        Assert.True(pool.MapAsync<int, int>(PoolTargets.Square, []).Ready);
    });

    [Fact]
    public void Map_ChunksizeBelowOne_IsAnArgumentError() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Map<int, int>(PoolTargets.Square, [1], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.IMap<int, int>(PoolTargets.Square, [1], -1));
    });

    [Fact]
    public void StarMap_SeveralArguments_MatchesSequential() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        var args = Enumerable.Range(0, 50).Select(i => new object?[] { i, 2 * i }).ToList();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => 3 * i), pool.StarMap<int>((Func<int, int, int>)PoolTargets.Add, args, 4));
        Assert.Equal(["a1True", "b2False"], pool.StarMap<string>((Func<string, int, bool, string>)PoolTargets.Join3, [["a", 1, true], ["b", 2, false]]));
    });

    [Fact]
    public void StarMap_WrongArguments_RaisesInTheCaller() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        Assert.Throws<Lab.Engine.Targets.InvalidTargetError>(() => pool.StarMap<int>((Func<int, int, int>)PoolTargets.Add, [[1]]));
        Assert.Throws<Lab.Engine.Targets.InvalidTargetError>(() => pool.StarMap<int>((Func<int, int, int>)PoolTargets.Add, [["x", 1]]));
    });

    [Fact]
    public void Map_Lambda_IsRefusedLikeAnUnpicklableFunction() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        var offset = 3;
        Assert.Throws<Lab.Engine.Targets.InvalidTargetError>(() => pool.Map<int, int>(x => x + offset, [1]));
    });

    [Fact]
    public void Map_MessagesLargerThanTheSocketBuffer_ArriveWhole() => Bounded.Run(() =>
    {
        // 8 x 300 KiB: frames of up to 1.2 MiB exercise partial non-blocking writes and the receive buffer's growth.
        using var pool = new Pool(2);
        var input = Enumerable.Range(0, 8).Select(i => { var b = new byte[300 * 1024]; new Random(i).NextBytes(b); return b; }).ToList();
        var expected = input.Select(PoolTargets.Reverse).ToList();
        foreach (var chunksize in new int?[] { 1, 4, null })
        {
            var got = pool.Map<byte[], byte[]>(PoolTargets.Reverse, input, chunksize);
            Assert.Equal(expected.Count, got.Count);
            Assert.True(expected.Zip(got).All(p => p.First.AsSpan().SequenceEqual(p.Second)), $"chunksize {chunksize}: a result differs");
        }
    });

    [Fact]
    public void IMap_KeepsOrderForEveryChunksize() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        var input = Enumerable.Range(0, 40).ToList();
        foreach (var chunksize in new[] { 1, 3, 7, 40, 41 })
            Assert.Equal(input.Select(PoolTargets.Show), pool.IMap<int, string>(PoolTargets.Show, input, chunksize));
    });

    [Fact]
    public void IMapUnordered_YieldsAPermutation() => Bounded.Run(() =>
    {
        using var pool = new Pool(3);
        var input = Enumerable.Range(0, 200).ToList();
        foreach (var chunksize in new[] { 1, 5, 200 })
        {
            var got = pool.IMapUnordered<int, int>(PoolTargets.Square, input, chunksize).ToList();
            Assert.Equal(input.Select(PoolTargets.Square).Order(), got.Order());
        }
    });

    [Fact]
    public void IMap_FailingItem_RaisesWhenReached_AfterEarlierItems() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        var got = new List<int>();
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var x in pool.IMap<int, int>(PoolTargets.FailOnThree, Enumerable.Range(0, 10))) got.Add(x);
        });
        Assert.Equal([0, 1, 2], got);
        Assert.Contains("three is not allowed", error.Message);
    });

    [Fact]
    public void Map_ManyTasksAcrossFunctions_ReusesTheSameWorkers() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        var pids = pool.WorkerPids.Order().ToList();
        Assert.Equal(2, pids.Count);
        Assert.Equal(Enumerable.Range(0, 300).Select(PoolTargets.Square), pool.Map<int, int>(PoolTargets.Square, Enumerable.Range(0, 300), 1));
        Assert.Equal(Enumerable.Range(0, 300).Select(PoolTargets.Show), pool.Map<int, string>(PoolTargets.Show, Enumerable.Range(0, 300), 7));
        var seen = pool.Map<int, int>(PoolTargets.Pid, Enumerable.Range(0, 100), 1).Distinct().Order().ToList();
        Assert.Subset(pids.ToHashSet(), seen.ToHashSet());
        Assert.Equal(pids, pool.WorkerPids.Order().ToList());
    });
}
