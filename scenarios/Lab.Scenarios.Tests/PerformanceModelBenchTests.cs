using Lab.Results;
using Lab.Scenarios.Benchmarks;
using Lab.Scenarios.Subjects;
using Xunit;

namespace Lab.Scenarios.Tests;

/// <summary>
/// task-size-speedup and argument-size-crossover (seeds 59.30, 59.34) on the engine, with tiny sweeps: one series per
/// start method, mode and size, the params the report's <see cref="PerformanceModelBuilder"/> pairs, positive samples, and
/// no shared memory block left in /dev/shm. No timing is asserted (DESIGN.md, "Scenarios"). Every map inside is bounded
/// (120 s) and each pool is disposed (its workers reaped), pass or fail (house rule 4).
/// </summary>
public class PerformanceModelBenchTests
{
    private static readonly EngineSubject Engine = new();

    [Fact]
    public void TaskSizeSpeedup_TinySweep_SerialAndPoolSeriesPerSizeAndMethod()
    {
        var sweep = new TaskSizeSweep(WorkUs: 2_000, TaskUs: [100, 1_000], Samples: 2, Warmup: 0);
        var series = TaskSizeSpeedup.OnEngine(Engine, sweep).ToList();
        AssertWellFormed(series, TaskSizeSpeedup.Id, "ms");
        var first = series.Where(s => s.StartMethod == Engine.StartMethods[0]).ToList();
        Assert.Equal(["serial/100", "serial/1000", "pool/100", "pool/1000"],
            first.Select(s => $"{RowParams.Get(s.Params, "mode")}/{RowParams.Get(s.Params, "task_us")}"));
        Assert.Equal("20", RowParams.Get(first[0].Params, "tasks"));
        Assert.Equal("2", RowParams.Get(first[1].Params, "tasks")); // never fewer tasks than workers
        var model = PerformanceModelBuilder.Build(series.Select(Row).ToList())!;
        Assert.Equal(Engine.StartMethods.Count, model.TaskSize.Count);
        Assert.All(model.TaskSize, s => Assert.Equal([100.0, 1_000], s.Points.Select(p => p.Size)));
    }

    [Fact]
    public void ArgumentSizeCrossover_TinySweep_ChannelAndSharedMemorySeries_NoBlockLeft()
    {
        var before = SharedMemoryFiles();
        var sweep = new ArgumentSweep(Bytes: [1024, 64 * 1024], TrafficBytes: 128 * 1024, Samples: 2, Warmup: 0);
        var series = ArgumentSizeCrossover.OnEngine(Engine, sweep).ToList();
        AssertWellFormed(series, ArgumentSizeCrossover.Id, "us/task");
        Assert.Equal(["channel/1024", "shared-memory/1024", "channel/65536", "shared-memory/65536"],
            series.Where(s => s.StartMethod == Engine.StartMethods[0]).Select(s => $"{RowParams.Get(s.Params, "mode")}/{RowParams.Get(s.Params, "bytes")}"));
        Assert.Equal("128", RowParams.Get(series[0].Params, "tasks"));
        var model = PerformanceModelBuilder.Build(series.Select(Row).ToList())!;
        Assert.Equal(Engine.StartMethods.Count, model.ArgumentSize.Count);
        Assert.Empty(SharedMemoryFiles().Except(before));
    }

    [Fact]
    public void Sweeps_QuickAndFull_HaveTheDocumentedSizes()
    {
        Assert.Equal([10, 100, 1_000, 10_000], TaskSizeSweep.For(BenchPlan.Quick).TaskUs);
        Assert.Equal([1, 10, 100, 1_000, 10_000, 100_000], TaskSizeSweep.For(BenchPlan.Full).TaskUs);
        Assert.Equal([1024L, 64 * 1024, 1024 * 1024, 16 * 1024 * 1024], ArgumentSweep.For(BenchPlan.Quick).Bytes);
        var full = ArgumentSweep.For(BenchPlan.Full).Bytes;
        Assert.Equal(1024L, full[0]);
        Assert.Equal(64L * 1024 * 1024, full[^1]);
        Assert.All(full.Zip(full.Skip(1)), p => Assert.Equal(p.First * 4, p.Second));
    }

    /// <summary>Two sizes × two modes per start method, two positive samples each, at chunksize 1.</summary>
    private static void AssertWellFormed(List<BenchSeries> series, string id, string unit)
    {
        Assert.Equal(Engine.StartMethods.Count * 2 * 2, series.Count);
        Assert.All(series, s =>
        {
            Assert.Equal(id, s.Benchmark);
            Assert.Equal(unit, s.Unit);
            Assert.Equal(2, s.Samples.Count);
            Assert.All(s.Samples, x => Assert.True(double.IsFinite(x) && x > 0, $"sample {x}"));
            Assert.Equal("1", RowParams.Get(s.Params, "chunksize"));
        });
    }

    private static BenchRow Row(BenchSeries s) =>
        BenchRow.FromSamples(RunInfo.Create(), s.Subject, s.SubjectVersion, s.StartMethod, s.Benchmark, s.Params, s.Unit, s.Samples);

    private static HashSet<string> SharedMemoryFiles() =>
        Directory.EnumerateFiles("/dev/shm").Select(Path.GetFileName).Where(n => n!.StartsWith("lab_", StringComparison.Ordinal)).ToHashSet()!;
}
