using Lab.Results;
using Lab.Scenarios.Benchmarks;
using Lab.Scenarios.Subjects;
using Xunit;

namespace Lab.Scenarios.Tests;

/// <summary>cow-memory (seeds 59.29) on the engine with a 1 MiB structure: one series per mode and measure, positive
/// figures with uss ≤ pss ≤ rss, and no block left in /dev/shm. Every wait is bounded (60 s) and each child is reaped by
/// its ChildScope, pass or fail (house rule 4). No figure is asserted beyond its order.</summary>
public class CowMemoryBenchTests
{
    [Fact]
    public void CowMemory_TinyStructure_ThreeMeasuresPerModeAndMethod_NoBlockLeft()
    {
        var engine = new EngineSubject();
        var before = Directory.EnumerateFiles("/dev/shm").ToHashSet();
        var series = CowMemory.OnEngine(engine, new BenchPlan(1, 0), mib: 1).ToList();
        Assert.Equal(engine.StartMethods.Count * 2 * 3, series.Count);
        Assert.Equal(["argument/rss", "argument/pss", "argument/uss", "shared-memory/rss", "shared-memory/pss", "shared-memory/uss"],
            series.Where(s => s.StartMethod == engine.StartMethods[0]).Select(s => $"{RowParams.Get(s.Params, "mode")}/{RowParams.Get(s.Params, "measure")}"));
        Assert.All(series, s =>
        {
            Assert.Equal(CowMemory.Id, s.Benchmark);
            Assert.Equal("KiB", s.Unit);
            Assert.True(Assert.Single(s.Samples) > 0);
        });
        foreach (var group in series.GroupBy(s => (s.StartMethod, RowParams.Get(s.Params, "mode"))))
        {
            var figures = group.ToDictionary(s => RowParams.Get(s.Params, "measure")!, s => s.Samples[0]);
            Assert.True(figures["uss"] <= figures["pss"] && figures["pss"] <= figures["rss"], $"{group.Key}: {string.Join(", ", figures)}");
        }
        Assert.Empty(Directory.EnumerateFiles("/dev/shm").Where(f => Path.GetFileName(f).StartsWith("lab_", StringComparison.Ordinal)).Except(before));
    }
}
