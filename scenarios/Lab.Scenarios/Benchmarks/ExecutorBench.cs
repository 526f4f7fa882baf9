using System.Diagnostics;
using Lab.Engine;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Benchmarks;

/// <summary>The executor benchmarks' sizes: tasks per sample of executor-submit and executor-map, map's chunksizes.</summary>
public sealed record ExecutorSweep(int SubmitTasks, int MapTasks, IReadOnlyList<int> Chunksizes, int Samples, int Warmup, int Workers = 2)
{
    /// <summary>Three warm-up batches (pool-chunksize takes one): a fresh spawn worker runs its first thousands of tasks
    /// before the JIT's tier-1 code replaces tier 0, which showed as a slower first start method.</summary>
    public static ExecutorSweep For(BenchPlan plan) => plan.IsQuick
        ? new(2_000, 5_000, [1, 16, 256], Math.Min(plan.Samples, 3), Math.Min(plan.Warmup, 3))
        : new(10_000, 50_000, [1, 4, 16, 64, 256, 1024], Math.Min(plan.Samples, 5), Math.Min(plan.Warmup, 3));

    public BenchPlan Plan => new(Samples, Warmup);
}

/// <summary>
/// executor-submit and executor-map: per-task overhead of ProcessPoolExecutor (CPython: concurrent.futures, with the
/// start method's mp_context) over trivial tasks on 2 warm workers. executor-submit: one sample submits
/// <see cref="ExecutorSweep.SubmitTasks"/> tasks, one future each, and waits for them all; executor-map: one sample
/// drains one map of <see cref="ExecutorSweep.MapTasks"/> tasks at one chunksize (a row per chunksize). Sample = elapsed
/// / tasks in µs; the executor's start is outside every sample. Copied from pool-chunksize (PoolChunksize.cs).
/// </summary>
public static class ExecutorBench
{
    public const string SubmitId = "executor-submit";
    public const string MapId = "executor-map";
    public const string Unit = "us/task";

    private static readonly TimeSpan PerBatch = TimeSpan.FromSeconds(120);

    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, BenchPlan plan, IReadOnlySet<string> wanted)
    {
        var sweep = ExecutorSweep.For(plan);
        foreach (var method in engine.StartMethods)
        {
            var context = engine.Context(method);
            var rows = new List<BenchSeries>();
            using (var executor = new ProcessPoolExecutor(sweep.Workers, context))
            {
                Drain(executor.Map<int, int>(PoolBenchTargets.Trivial, Enumerable.Range(0, sweep.Workers * 4), 1, PerBatch), sweep.Workers * 4);
                if (wanted.Contains(SubmitId))
                    rows.Add(Row(engine, method, SubmitId, SubmitParams(sweep), Measure(sweep, sweep.SubmitTasks, () => Submit(executor, sweep.SubmitTasks))));
                if (wanted.Contains(MapId))
                    foreach (var chunksize in sweep.Chunksizes)
                        rows.Add(Row(engine, method, MapId, MapParams(sweep, chunksize), Measure(sweep, sweep.MapTasks,
                            () => Drain(executor.Map<int, int>(PoolBenchTargets.Trivial, Enumerable.Range(0, sweep.MapTasks), chunksize, PerBatch), sweep.MapTasks))));
            }
            foreach (var row in rows) yield return row;
        }
    }

    public static IEnumerable<BenchSeries> OnCpython(PythonSubject cpython, BenchPlan plan, IReadOnlySet<string> wanted)
    {
        var sweep = ExecutorSweep.For(plan);
        var perRepetition = TimeSpan.FromSeconds(20);
        foreach (var method in cpython.StartMethods)
        {
            if (wanted.Contains(SubmitId))
                yield return PythonBench.Run(cpython, method, SubmitId, sweep.Plan, [("tasks", sweep.SubmitTasks), ("workers", sweep.Workers)], perRepetition)
                    with { Params = SubmitParams(sweep) };
            if (wanted.Contains(MapId))
                foreach (var chunksize in sweep.Chunksizes)
                    yield return PythonBench.Run(cpython, method, MapId, sweep.Plan,
                        [("tasks", sweep.MapTasks), ("chunksize", chunksize), ("workers", sweep.Workers)], perRepetition) with { Params = MapParams(sweep, chunksize) };
        }
    }

    private static string SubmitParams(ExecutorSweep sweep) =>
        Lab.Results.RowParams.Merge(sweep.Plan.Params, Lab.Results.RowParams.Of(("tasks", sweep.SubmitTasks), ("workers", sweep.Workers)));

    private static string MapParams(ExecutorSweep sweep, int chunksize) =>
        Lab.Results.RowParams.Merge(sweep.Plan.Params, Lab.Results.RowParams.Of(("tasks", sweep.MapTasks), ("workers", sweep.Workers), ("chunksize", chunksize)));

    private static BenchSeries Row(EngineSubject engine, string method, string id, string parameters, List<double> samples) =>
        new(engine.Name, engine.Version, method, id, parameters, Unit, samples);

    private static void Submit(ProcessPoolExecutor executor, int tasks)
    {
        var futures = new Task<int>[tasks];
        for (var i = 0; i < tasks; i++) futures[i] = executor.Submit(PoolBenchTargets.Trivial, i);
        if (!Task.WaitAll(futures, PerBatch)) throw new TimeoutException($"{SubmitId}: {tasks} futures not done within {PerBatch}");
    }

    private static void Drain(IEnumerable<int> results, int expected)
    {
        var count = results.Count();
        if (count != expected) throw new InvalidOperationException($"{MapId}: map returned {count} results for {expected} tasks");
    }

    private static List<double> Measure(ExecutorSweep sweep, int tasks, Action batch)
    {
        var samples = new List<double>(sweep.Samples);
        for (var i = 0; i < sweep.Warmup + sweep.Samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            batch();
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (i >= sweep.Warmup) samples.Add(elapsed.TotalMicroseconds / tasks);
        }
        return samples;
    }
}
