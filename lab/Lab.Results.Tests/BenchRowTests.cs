namespace Lab.Results.Tests;

public sealed class BenchRowTests
{
    [Fact]
    public void BenchRow_FromSamples1To100_MatchesNumpyLinearPercentiles()
    {
        // numpy.percentile(range(1, 101), [5, 50, 95]) == [5.95, 50.5, 95.05]; the order of samples must not matter.
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).OrderBy(i => (i * 37) % 101).ToArray();

        var row = BenchRow.FromSamples(Sample.Run, "engine", "0.1.0", "spawn", "start-join", "", "ms", samples);

        Assert.Equal(100, row.N);
        Assert.Equal(50.5, row.Median, 10);
        Assert.Equal(5.95, row.P05, 10);
        Assert.Equal(95.05, row.P95, 10);
        Assert.Equal(50.5, row.Mean, 10);
        Assert.Equal(29.011491975882016, row.StdDev, 10); // sqrt(n(n+1)/12), numpy.std(ddof=1)
        Assert.Equal(1, row.Min);
        Assert.Equal(100, row.Max);
    }

    [Fact]
    public void BenchRow_FromThreeSamples_InterpolatesBetweenRanks()
    {
        var row = BenchRow.FromSamples(Sample.Run, "engine", "0.1.0", "spawn", "b", "", "ms", [30, 10, 20]);

        Assert.Equal(20, row.Median, 10);
        Assert.Equal(11, row.P05, 10); // h = 2 * 0.05 = 0.1: 10 + 0.1 * (20 - 10)
        Assert.Equal(29, row.P95, 10); // h = 1.9: 20 + 0.9 * (30 - 20)
        Assert.Equal(10, row.StdDev, 10);
    }

    [Fact]
    public void BenchRow_FromOneSample_HasThatValueEverywhereAndNoSpread()
    {
        var row = BenchRow.FromSamples(Sample.Run, "engine", "0.1.0", "spawn", "b", "", "ms", [4.2]);

        Assert.Equal([4.2, 4.2, 4.2, 4.2, 4.2, 4.2], [row.Median, row.P05, row.P95, row.Mean, row.Min, row.Max]);
        Assert.Equal(0, row.StdDev);
    }

    [Fact]
    public void BenchRow_FromSamples_CopiesRunAndIdentity()
    {
        var row = BenchRow.FromSamples(Sample.Run, "cpython", "3.11.2", "forkserver", "pool-map", "chunksize=4", "items/s", [1, 2]);

        Assert.Equal(
            (Sample.Run.RunId, Sample.Run.Utc, Sample.Run.Host, Sample.Run.Os, Sample.Run.Runtime, "cpython", "3.11.2", "forkserver", "pool-map", """{"chunksize":4}""", "items/s"),
            (row.RunId, row.Utc, row.Host, row.Os, row.Runtime, row.Subject, row.SubjectVersion, row.StartMethod, row.Benchmark, row.Params, row.Unit));
    }

    [Fact]
    public void BenchRow_FromEmptySamples_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(
            () => BenchRow.FromSamples(Sample.Run, "engine", "0.1.0", "spawn", "b", "", "ms", []));

        Assert.Equal("samples", error.ParamName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void BenchRow_FromNonFiniteSample_ThrowsArgumentException(double bad)
    {
        var error = Assert.Throws<ArgumentException>(
            () => BenchRow.FromSamples(Sample.Run, "engine", "0.1.0", "spawn", "b", "", "ms", [1, bad, 3]));

        Assert.Contains("Sample 1", error.Message);
    }
}
