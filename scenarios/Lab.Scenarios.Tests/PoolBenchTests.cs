using Lab.Scenarios.Benchmarks;
using Xunit;

namespace Lab.Scenarios.Tests;

/// <summary>The pool-chunksize sweep's shape (issue #6 §8); no timing is asserted (speed goes to `lab bench`).</summary>
public class PoolBenchTests
{
    [Fact]
    public void PoolSweep_Quick_IsShortWithDefaultChunksize()
    {
        var sweep = PoolSweep.For(BenchPlan.Quick);
        Assert.Equal(10_000, sweep.Tasks);
        Assert.Equal([1, 16, 256, 0], sweep.Chunksizes);
        Assert.True(sweep.Samples <= 3);
        Assert.Equal("""{"chunksize":"default","n":3,"processes":2,"tasks":10000,"warmup":1}""", sweep.Params(0));
        Assert.Equal("""{"chunksize":16,"n":3,"processes":2,"tasks":10000,"warmup":1}""", sweep.Params(16));
    }

    [Fact]
    public void PoolSweep_Full_IsPowersOfTwoTo4096AndDefault()
    {
        var sweep = PoolSweep.For(BenchPlan.Full);
        Assert.Equal(100_000, sweep.Tasks);
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 0], sweep.Chunksizes);
    }

    [Theory]
    [InlineData(10_000, 2, 1250)]  // divmod(10000, 8) = (1250, 0)
    [InlineData(100_000, 2, 12500)]
    [InlineData(10, 2, 2)]         // divmod(10, 8) = (1, 2) -> 2
    [InlineData(7, 2, 1)]          // divmod(7, 8) = (0, 7) -> 1
    public void PoolSweep_DefaultChunksize_IsCpythonDivmodPlusOne(int tasks, int processes, int expected)
    {
        var sweep = new PoolSweep(tasks, [0], 1, 0, processes);
        Assert.Equal(expected, sweep.Effective(0));
        Assert.Equal(64, sweep.Effective(64));
    }

    [Fact]
    public void BenchCatalog_PoolDerivedRows_HaveTargets()
    {
        Assert.Contains(BenchCatalog.Targets, t => t.Benchmark == PoolChunksize.OverheadC1 && !t.AtLeast && t.Factor == 0.25);
        Assert.Contains(BenchCatalog.Targets, t => t.Benchmark == PoolChunksize.OverheadBest && !t.AtLeast && t.Factor == 0.5);
        Assert.Equal([PoolChunksize.Id, PoolChunksize.OverheadC1], BenchCatalog.Select([$"{PoolChunksize.OverheadC1},{PoolChunksize.Id}"]));
    }
}
