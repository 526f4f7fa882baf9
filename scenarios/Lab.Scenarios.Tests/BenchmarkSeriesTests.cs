using Lab.Scenarios.Benchmarks;
using Lab.Scenarios.Subjects;
using Xunit;

namespace Lab.Scenarios.Tests;

/// <summary>
/// The IPC benchmarks (issue #4 §7) produce well-formed series on the engine: the right id and unit, n samples, all
/// positive and finite, the batch in params. Tiny batches; no timing is asserted (DESIGN.md, "Scenarios": figures
/// go to results/ only). Every wait inside the benchmarks is bounded by <see cref="Sizes"/>' PerWait and every
/// child is reaped by the benchmark's ChildScope, pass or fail (house rule 4).
/// </summary>
public class BenchmarkSeriesTests
{
    private static readonly EngineSubject Engine = new();

    private static readonly BenchPlan Plan = new(Samples: 3, Warmup: 1);

    private static readonly IpcBenchSizes Sizes = new(QueueMessages: 50, PipeMessages: 4, PipeMessageBytes: 100_000, LockPairs: 1_600, ShmMiB: 1, HandoffRounds: 20)
    {
        PerWait = TimeSpan.FromSeconds(20),
        ChildBlockSeconds = 30,
    };

    private static void AssertWellFormed(IReadOnlyList<BenchSeries> series, string id, string unit, string batch)
    {
        var mine = series.Where(s => s.Benchmark == id).ToList();
        Assert.Equal(Engine.StartMethods.Count, mine.Count);
        Assert.Equal(Engine.StartMethods, mine.Select(s => s.StartMethod));
        Assert.All(mine, s =>
        {
            Assert.Equal(EngineSubject.SubjectName, s.Subject);
            Assert.Equal(unit, s.Unit);
            // The plan's params and the batch, in the one params form (RowParams; the batch is given as k=v here).
            Assert.Equal(Lab.Results.RowParams.Merge(Plan.Params, batch), s.Params);
            Assert.Equal(Plan.Samples, s.Samples.Count);
            Assert.All(s.Samples, x => Assert.True(double.IsFinite(x) && x > 0, $"{id}: sample {x} is not a positive finite number"));
        });
    }

    [Fact]
    public void QueueThroughput_TinyBatch_GivesOneMsgsPerSecondSeriesPerMethod()
    {
        var series = BenchCatalog.Run(BenchCatalog.QueueFamily, Engine, Plan, [QueueThroughput.Id], Sizes);
        Assert.Equal(Engine.StartMethods.Count, series.Count);
        AssertWellFormed(series, QueueThroughput.Id, "msgs/s", "messages=50");
    }

    [Fact]
    public void PipeThroughput_TinyBatch_GivesFramedAndRawMegabytesPerSecond()
    {
        var series = BenchCatalog.Run(BenchCatalog.PipeFamily, Engine, Plan, [PipeThroughput.FramedId, PipeThroughput.RawId], Sizes);
        Assert.Equal(2 * Engine.StartMethods.Count, series.Count);
        AssertWellFormed(series, PipeThroughput.FramedId, "MB/s", "messages=4;size=100000");
        AssertWellFormed(series, PipeThroughput.RawId, "MB/s", "messages=4;size=100000");
    }

    [Fact]
    public void PipeThroughput_OnlyRawSelected_MeasuresOnlyRaw()
    {
        var series = BenchCatalog.Run(BenchCatalog.PipeFamily, Engine, Plan, [PipeThroughput.RawId], Sizes);
        Assert.All(series, s => Assert.Equal(PipeThroughput.RawId, s.Benchmark));
        AssertWellFormed(series, PipeThroughput.RawId, "MB/s", "messages=4;size=100000");
    }

    [Fact]
    public void LockUncontended_TinyBenchmarkDotNetJob_GivesNanosecondsPerPair()
    {
        var series = BenchCatalog.Run(BenchCatalog.LockFamily, Engine, Plan, [LockUncontended.Id], Sizes);
        AssertWellFormed(series, LockUncontended.Id, "ns", "pairs=1600");
    }

    [Fact]
    public void SharedMemoryCopy_OneMiB_GivesShmAndMemcpyGigabytesPerSecond()
    {
        var series = BenchCatalog.Run(BenchCatalog.ShmFamily, Engine, Plan, [SharedMemoryCopy.ShmId, SharedMemoryCopy.MemcpyId], Sizes);
        AssertWellFormed(series, SharedMemoryCopy.ShmId, "GB/s", "mib=1");
        AssertWellFormed(series, SharedMemoryCopy.MemcpyId, "GB/s", "mib=1");
    }

    [Fact]
    public void LockHandoff_TinyBatch_GivesNanosecondsPerHandoff()
    {
        var series = BenchCatalog.Run(BenchCatalog.HandoffFamily, Engine, Plan, [LockHandoff.Id], Sizes);
        AssertWellFormed(series, LockHandoff.Id, "ns", "rounds=20");
    }

    [Fact]
    public void BenchCatalog_SelectCommaListAndRepeats_KeepsCatalogOrderOnce()
    {
        Assert.Equal(BenchCatalog.Ids, BenchCatalog.Select(null));
        Assert.Equal(BenchCatalog.Ids, BenchCatalog.Select([]));
        Assert.Equal(
            [QueueThroughput.Id, PipeThroughput.RawId, LockHandoff.Id],
            BenchCatalog.Select([$"{LockHandoff.Id}, {QueueThroughput.Id}", PipeThroughput.RawId, QueueThroughput.Id]));
    }

    [Fact]
    public void BenchCatalog_UnknownId_RefusedWithTheKnownIds()
    {
        var e = Assert.Throws<ArgumentException>(() => BenchCatalog.Select(["queue-throughput,no-such-bench"]));
        Assert.Contains("'no-such-bench'", e.Message);
        Assert.Contains(LockUncontended.Id, e.Message);
    }

    [Fact]
    public void BenchCatalog_IdsAndTargets_AreConsistent()
    {
        Assert.Equal(BenchCatalog.Ids.Count, BenchCatalog.Ids.Distinct().Count());
        Assert.All(BenchCatalog.Targets, t =>
        {
            Assert.Contains(t.Benchmark, BenchCatalog.Ids);
            Assert.Contains(t.ReferenceBenchmark, BenchCatalog.Ids);
            Assert.Equal(BenchCatalog.All.Single(b => b.Id == t.Benchmark).Unit, BenchCatalog.All.Single(b => b.Id == t.ReferenceBenchmark).Unit);
        });
        // Only the raw pipe (a baseline) and spin (the comparison's calibration target, in process) are engine-only: every
        // other id has a CPython twin in scenarios/cpython/bench.py.
        Assert.Equal([PipeThroughput.RawId, Spin.Id], BenchCatalog.All.Where(b => b.EngineOnly).Select(b => b.Id));
        Assert.Equal([BenchCatalog.QueueFamily], BenchCatalog.Families([QueueThroughput.Id], Engine));
        Assert.Empty(BenchCatalog.Families([PipeThroughput.RawId], new CpythonOnlyProbe()));
    }

    [Fact]
    public void BenchTwins_EveryFamily_HasATwinForEachKindThatMeasuresIt_AndAMissingOneIsAClearError()
    {
        foreach (var family in BenchCatalog.All.Select(b => b.Family).Distinct())
        {
            Assert.NotNull(BenchTwins.Find(family, Model.SubjectKind.Engine));
            var pythonIds = BenchCatalog.All.Where(b => b.Family == family && !b.EngineOnly).ToList();
            Assert.Equal(pythonIds.Count > 0, BenchTwins.Find(family, Model.SubjectKind.Python) is not null);
        }
        var error = Assert.Throws<InvalidOperationException>(() => BenchCatalog.Run(BenchCatalog.SpinFamily, new CpythonOnlyProbe(), new BenchPlan(1, 0), [Spin.Id]));
        Assert.Contains("no twin for probe", error.Message);
    }

    /// <summary>A Python subject that is not there: engine-only baselines have no family for it.</summary>
    private sealed class CpythonOnlyProbe : ISubject
    {
        public string Name => "probe";
        public Model.SubjectKind Kind => Model.SubjectKind.Python;
        public string Version => "0";
        public IReadOnlyList<string> StartMethods => ["spawn"];
        public IReadOnlySet<string> Twins => new HashSet<string>();
        public string? NotApplicable(string twin, string startMethod) => null;
        public Model.Observation Observe(Model.CaseCall call) => throw new NotSupportedException();
    }
}
