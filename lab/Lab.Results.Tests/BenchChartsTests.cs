using Xunit;

namespace Lab.Results.Tests;

public class BenchChartsTests
{
    private static readonly RunInfo Earlier = Sample.Run with { RunId = "20261121T014610Z-000001", Utc = Sample.Utc.AddDays(-1) };

    [Fact]
    public void Sweep_ChunksizeRows_OneSeriesPerSubjectAndMethodOrderedByChunksize()
    {
        var rows = new[]
        {
            Sample.Bench("pool-chunksize", "engine", "spawn", 4, "tasks=100;chunksize=16"),
            Sample.Bench("pool-chunksize", "engine", "spawn", 9, "tasks=100;chunksize=1"),
            Sample.Bench("pool-chunksize", "engine", "spawn", 5, "tasks=100;chunksize=default"),
            Sample.Bench("pool-chunksize", "cpython", "fork", 30, "tasks=100;chunksize=1"),
            Sample.Bench("pool-chunksize", "cpython", "fork", 3, "tasks=100;chunksize=256"),
        };
        var chart = Assert.Single(ReportBuilder.Build([], rows).Bench!.Charts);
        Assert.Equal(BenchChartKind.Sweep, chart.Kind);
        Assert.Equal("pool-chunksize (tasks=100)", chart.Title);
        Assert.Equal(["cpython/fork", "engine/spawn"], chart.Series.Select(s => s.Label));
        var engine = chart.Series[1];
        Assert.Equal([1.0, 16.0], engine.Points.Select(p => p.X)); // "default" has no place on the axis
        Assert.Equal(16, engine.Lowest.X);
        Assert.Equal(256, chart.Series[0].Lowest.X);
    }

    [Fact]
    public void Trend_SeriesInTwoRuns_OnePointPerRunInTimeOrder()
    {
        var rows = new[]
        {
            Sample.Bench("start-join", "engine", "spawn", 20),
            Sample.Bench("start-join", "engine", "spawn", 25, run: Earlier),
            Sample.Bench("only-once", "engine", "spawn", 1),
        };
        var trend = Assert.Single(NightlyReportBuilder.Nightly(rows, [], [], Nightly.ComparePolicy.Default).Trends);
        Assert.Equal("start-join", trend.Key.Benchmark);
        Assert.Equal([25.0, 20.0], trend.Points.Select(p => p.Median));
        Assert.Equal([Earlier.RunId, Sample.Run.RunId], trend.Points.Select(p => p.RunId));
        Assert.All(trend.Points, p => Assert.Equal("", p.Verdict)); // no samples kept: no verdict
    }

    [Fact]
    public void HtmlReport_Charts_InlineLibraryAndEscapedData()
    {
        var rows = new[]
        {
            Sample.Bench("evil</script><b>", "engine", "spawn", 4, "chunksize=1"),
            Sample.Bench("evil</script><b>", "engine", "spawn", 2, "chunksize=2"),
        };
        var html = HtmlReport.Render(ReportBuilder.Build([], rows));
        Assert.Contains("<canvas id=\"lab-chart-0\"", html);
        Assert.Contains("Chart.js v4", html);
        Assert.Contains("script-src 'unsafe-inline'", html);
        Assert.DoesNotContain("evil</script>", html);
        Assert.DoesNotContain("src=\"http", html);
    }

    [Fact]
    public void MarkdownReport_Sweep_ListsBestValuePerSeries()
    {
        var rows = new[]
        {
            Sample.Bench("pool-chunksize", "engine", "spawn", 9, "chunksize=1"),
            Sample.Bench("pool-chunksize", "engine", "spawn", 2, "chunksize=64"),
            Sample.Bench("pool-chunksize", "engine", "spawn", 3, "chunksize=4096"),
        };
        var md = MarkdownReport.Render(ReportBuilder.Build([], rows));
        Assert.Contains("## Sweeps", md);
        Assert.Contains("| engine/spawn | 64 | 2 | ms |", md);
    }

    [Fact]
    public void HtmlReport_NoSweepOrTrend_HasNoScript()
    {
        var html = HtmlReport.Render(ReportBuilder.Build([], [Sample.Bench()]));
        Assert.DoesNotContain("<script", html);
    }
}
