using Xunit;

namespace Lab.Results.Tests;

/// <summary>The performance model (seeds 59.30, 59.34) from synthetic rows: pairing of the two modes, the break-even task
/// size and the crossover argument size, and their absence within the sweep.</summary>
public sealed class PerformanceModelBuilderTests
{
    private static BenchRow TaskRow(string subject, string method, string mode, int taskUs, double median) =>
        Sample.Bench(PerformanceModelBuilder.TaskSizeId, subject, method, median,
            RowParams.Of(("n", 3), ("warmup", 1), ("work_us", 40_000), ("task_us", taskUs), ("tasks", 40_000 / taskUs), ("processes", 2), ("chunksize", 1), ("mode", mode)));

    private static BenchRow ArgumentRow(string subject, string method, string mode, long bytes, double median) =>
        Sample.Bench(PerformanceModelBuilder.ArgumentSizeId, subject, method, median,
            RowParams.Of(("n", 3), ("warmup", 1), ("bytes", bytes), ("tasks", Math.Clamp(16L * 1024 * 1024 / bytes, 2, 256)), ("processes", 2), ("chunksize", 1), ("mode", mode)));

    /// <summary>Serial is <paramref name="serial"/> ms at every size; the pool's medians per size as given.</summary>
    private static IEnumerable<BenchRow> TaskSweep(string subject, string method, double serial, params (int TaskUs, double Pool)[] pool) =>
        pool.SelectMany(p => new[] { TaskRow(subject, method, "serial", p.TaskUs, serial), TaskRow(subject, method, "pool", p.TaskUs, p.Pool) });

    private static IEnumerable<BenchRow> ArgumentSweep(string subject, string method, params (long Bytes, double Channel, double Shm)[] points) =>
        points.SelectMany(p => new[] { ArgumentRow(subject, method, "channel", p.Bytes, p.Channel), ArgumentRow(subject, method, "shared-memory", p.Bytes, p.Shm) });

    [Fact]
    public void PerformanceModel_TaskSizeRows_SpeedupAndBreakEvenPerSubjectAndMethod()
    {
        var rows = TaskSweep("engine", "spawn", 40, (10, 120), (100, 50), (1_000, 25), (10_000, 21))
            .Concat(TaskSweep("cpython", "fork", 40, (10, 400), (100, 80), (1_000, 42), (10_000, 41)))
            .ToList();
        var model = PerformanceModelBuilder.Build(rows)!;
        Assert.Empty(model.ArgumentSize);
        Assert.Equal(["cpython/fork", "engine/spawn"], model.TaskSize.Select(s => s.Label));
        var engine = model.TaskSize[1];
        Assert.Equal([10.0, 100, 1_000, 10_000], engine.Points.Select(p => p.Size));
        Assert.Equal(40.0 / 25, engine.Points[2].Ratio, 6);
        Assert.Equal(1_000, engine.Threshold);
        Assert.Equal("1 ms", PerformanceModelFormat.Threshold(PerformanceModelBuilder.TaskSize, engine));
        // The params common to the sweep: no size, task count or mode.
        Assert.Null(RowParams.Get(engine.Params, "task_us"));
        Assert.Null(RowParams.Get(engine.Params, "mode"));
        Assert.Equal("1", RowParams.Get(engine.Params, "chunksize"));
        var chart = model.SpeedupChart!;
        Assert.Equal("task_us", chart.XTitle);
        Assert.Equal(["cpython/fork", "engine/spawn"], chart.Series.Select(s => s.Label));
        Assert.Equal(0.1, chart.Series[0].Points[0].Y, 6);
        Assert.Equal(40.0 / 41, chart.Series[0].Points[3].Y, 6);
    }

    [Fact]
    public void PerformanceModel_PoolNeverFaster_NeverBreaksEven()
    {
        var series = Assert.Single(PerformanceModelBuilder.Build(TaskSweep("pypy", "spawn", 40, (10, 400), (100, 90), (1_000, 45), (10_000, 40.5)).ToList())!.TaskSize);
        Assert.Null(series.Threshold);
        Assert.False(series.WinsThroughout);
        Assert.Equal("none up to 10 ms", PerformanceModelFormat.Threshold(PerformanceModelBuilder.TaskSize, series));
    }

    [Fact]
    public void PerformanceModel_EarlyWinLostAgain_BreakEvenIsWhereThePoolStaysAhead()
    {
        var series = Assert.Single(PerformanceModelBuilder.Build(TaskSweep("engine", "forkserver", 40, (10, 39), (100, 41), (1_000, 22), (10_000, 21)).ToList())!.TaskSize);
        Assert.Equal(1_000, series.Threshold);
    }

    [Fact]
    public void PerformanceModel_PoolFasterEverywhere_BreakEvenAtOrBelowTheSmallestSize()
    {
        var series = Assert.Single(PerformanceModelBuilder.Build(TaskSweep("engine", "spawn", 40, (10, 30), (100, 22)).ToList())!.TaskSize);
        Assert.Equal(10, series.Threshold);
        Assert.True(series.WinsThroughout);
        Assert.Equal("≤ 10 µs", PerformanceModelFormat.Threshold(PerformanceModelBuilder.TaskSize, series));
    }

    [Fact]
    public void PerformanceModel_ArgumentSizeRows_CrossoverAndNoCrossover()
    {
        const long KiB = 1024, MiB = 1024 * KiB;
        var rows = ArgumentSweep("engine", "spawn", (KiB, 15, 80), (64 * KiB, 280, 56), (MiB, 12_000, 200), (16 * MiB, 300_000, 900))
            .Concat(ArgumentSweep("cpython", "spawn", (KiB, 15, 80), (64 * KiB, 60, 70), (MiB, 90, 95), (16 * MiB, 1_000, 1_200)))
            // A size measured in one mode only has no point.
            .Append(ArgumentRow("engine", "spawn", "channel", 64 * MiB, 1e6))
            .ToList();
        var model = PerformanceModelBuilder.Build(rows)!;
        Assert.Empty(model.TaskSize);
        var cpython = model.ArgumentSize[0];
        var engine = model.ArgumentSize[1];
        Assert.Equal(4, engine.Points.Count);
        Assert.Equal(64 * KiB, engine.Threshold);
        Assert.Equal("64 KiB", PerformanceModelFormat.Threshold(PerformanceModelBuilder.ArgumentSize, engine));
        Assert.Null(cpython.Threshold);
        Assert.Equal("none up to 16 MiB", PerformanceModelFormat.Threshold(PerformanceModelBuilder.ArgumentSize, cpython));
        // Two lines per subject/method on the cost chart: channel and shared memory.
        Assert.Equal(["cpython/spawn channel", "cpython/spawn shared-memory", "engine/spawn channel", "engine/spawn shared-memory"],
            model.ArgumentCostChart!.Series.Select(s => s.Label));
    }

    [Fact]
    public void PerformanceModel_NoRowsOfEither_IsNullAndNoSection()
    {
        var rows = new[] { Sample.Bench("pool-chunksize", "engine", "spawn", 4, "chunksize=16") };
        Assert.Null(PerformanceModelBuilder.Build(rows));
        var report = ReportBuilder.Build([], rows);
        Assert.Null(report.Bench!.PerformanceModel);
        Assert.DoesNotContain("Performance model", MarkdownReport.Render(report));
        Assert.DoesNotContain("id=\"performance-model\"", HtmlReport.Render(report));
    }

    [Fact]
    public void Reports_PerformanceModel_TablesWithThresholdsAndChartsAfterTheSweeps()
    {
        const long KiB = 1024;
        var rows = TaskSweep("engine", "spawn", 40, (10, 120), (1_000, 25))
            .Concat(ArgumentSweep("engine", "spawn", (KiB, 15, 80), (64 * KiB, 280, 56)))
            .Append(Sample.Bench("pool-chunksize", "engine", "spawn", 4, "chunksize=1"))
            .Append(Sample.Bench("pool-chunksize", "engine", "spawn", 2, "chunksize=16"))
            .ToList();
        var report = ReportBuilder.Build([], rows);
        var md = MarkdownReport.Render(report);
        Assert.Contains("## Performance model", md);
        Assert.Contains("| engine/spawn | 0.33× | 1.60× | 1 ms |", md);
        Assert.Contains("| engine/spawn | 15 / 80 | 280 / 56 | 64 KiB |", md);
        var html = HtmlReport.Render(report);
        Assert.Contains("<section id=\"performance-model\">", html);
        // One sweep (pool-chunksize) is chart 0; the model's two charts follow.
        Assert.Contains("<canvas id=\"lab-chart-0\"", html);
        Assert.Contains("<canvas id=\"lab-chart-1\" role=\"img\" aria-label=\"task-size-speedup: speedup (serial / pool)\"", html);
        Assert.Contains("<canvas id=\"lab-chart-2\" role=\"img\" aria-label=\"argument-size-crossover: per-task cost\"", html);
        Assert.Contains("<strong>64 KiB</strong>", html);
    }

    [Theory]
    [InlineData(1024, "1 KiB")]
    [InlineData(64 * 1024 * 1024, "64 MiB")]
    [InlineData(512, "512 B")]
    public void PerformanceModelFormat_Bytes_InBinaryUnits(double bytes, string expected) =>
        Assert.Equal(expected, PerformanceModelFormat.Bytes(bytes));

    [Theory]
    [InlineData(1, "1 µs")]
    [InlineData(1_000, "1 ms")]
    [InlineData(100_000, "100 ms")]
    [InlineData(2_500_000, "2.5 s")]
    public void PerformanceModelFormat_Microseconds_InTheLargestWholeUnit(double us, string expected) =>
        Assert.Equal(expected, PerformanceModelFormat.Microseconds(us));
}
