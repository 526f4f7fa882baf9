using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Subjects;
using Perfolizer.Mathematics.OutlierDetection;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// lock-uncontended (issue #4 §7.3; seeds 59.14): Acquire + Release of a ProcessLock that no one else touches, in
/// this process. The engine side is a BenchmarkDotNet [Benchmark], run in process (InProcessEmitToolchain, no child
/// build) with a small explicit job: the plan's warm-up iterations, then n workload iterations of exactly
/// <see cref="IpcBenchSizes.LockPairs"/> invocations each (so one sample covers as many pairs as one CPython sample),
/// no outlier removal. The samples are BenchmarkDotNet's per-iteration Result measurements (workload minus the
/// harness's own per-call overhead), in ns per pair. The CPython side times a loop of the same number of
/// <c>acquire(); release()</c> pairs with perf_counter_ns, loop included. Target: engine ≤ 0.25 × CPython.
/// </summary>
public static class LockUncontended
{
    public const string Id = "lock-uncontended";
    public const string Unit = "ns";

    /// <summary>The whole in-process run (jitting, warm-up, overhead and workload stages) is bounded by this.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, BenchPlan plan, IpcBenchSizes sizes)
    {
        // In process: the start method changes nothing here; a series per method keeps the table uniform.
        foreach (var method in engine.StartMethods)
            yield return new BenchSeries(engine.Name, engine.Version, method, Id, Params(plan, sizes), Unit, Measure(plan, sizes));
    }

    public static IEnumerable<BenchSeries> OnCpython(PythonSubject cpython, BenchPlan plan, IpcBenchSizes sizes) =>
        cpython.StartMethods.Select(m => PythonBench.Run(cpython, m, Id, plan, Batch(sizes)));

    /// <summary>Runs <see cref="LockUncontendedBenchmark"/> under BenchmarkDotNet and returns ns per pair, one value
    /// per workload iteration. BenchmarkDotNet's log is kept in memory and shown only if the run fails.</summary>
    public static List<double> Measure(BenchPlan plan, IpcBenchSizes sizes)
    {
        var pairs = sizes.LockPairs;
        var job = new Job("lab-" + Id)
            .WithToolchain(new InProcessEmitToolchain(RunTimeout, logOutput: false))
            .WithLaunchCount(1)
            .WithWarmupCount(plan.Warmup)
            .WithIterationCount(plan.Samples)
            .WithInvocationCount(pairs)
            .WithUnrollFactor(pairs % 16 == 0 ? 16 : 1)
            .WithOutlierMode(OutlierMode.DontRemove);
        var log = new AccumulationLogger();
        var artifacts = Path.Combine(Path.GetTempPath(), $"lab-bdn-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(log)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithArtifactsPath(artifacts)
            // Debug builds of the lab measure unoptimized code; `lab bench` says so rather than refusing to run.
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary);
        try
        {
            var summary = BenchmarkRunner.Run<LockUncontendedBenchmark>(config);
            var report = summary.Reports.FirstOrDefault();
            var samples = report?.AllMeasurements
                .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Result)
                .Select(m => m.Nanoseconds / m.Operations)
                .ToList();
            if (summary.HasCriticalValidationErrors || report is null || !report.Success || samples is null || samples.Count != plan.Samples)
                throw new InvalidOperationException(
                    $"BenchmarkDotNet did not measure {Id} ({samples?.Count ?? 0} of {plan.Samples} samples): " +
                    string.Join("; ", summary.ValidationErrors.Select(e => e.Message)) + Tail(log.GetLog()));
            // Result = workload minus overhead: an operation faster than the noise of the overhead estimate can come
            // out at or below zero. It is a figure, not a failure; the series keeps it for the reader to see.
            return samples;
        }
        finally
        {
            try { Directory.Delete(artifacts, recursive: true); } catch (DirectoryNotFoundException) { }
        }
    }

    private static IReadOnlyList<(string Key, long Value)> Batch(IpcBenchSizes sizes) => [("pairs", sizes.LockPairs)];

    private static string Params(BenchPlan plan, IpcBenchSizes sizes) => BenchCatalog.Params(plan, Batch(sizes));

    private static string Tail(string log) => log.Length <= 4000 ? "\n" + log : "\n…" + log[^4000..];
}

/// <summary>The BenchmarkDotNet class behind lock-uncontended (public and unsealed: the in-process toolchain emits
/// a runner around it).</summary>
public class LockUncontendedBenchmark
{
    private ProcessLock? _lock;

    [GlobalSetup]
    public void Setup() => _lock = new ProcessLock();

    [GlobalCleanup]
    public void Cleanup() => _lock?.Dispose();

    /// <summary>Uncontended: the wait inside Acquire never starts, so it needs no timeout.</summary>
    [Benchmark]
    public void AcquireRelease()
    {
        _lock!.Acquire();
        _lock.Release();
    }
}
