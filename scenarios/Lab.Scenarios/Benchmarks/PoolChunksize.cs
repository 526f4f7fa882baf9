using System.Diagnostics;
using Lab.Engine;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Benchmarks;

/// <summary>The pool-chunksize sweep: tasks per map, the chunksizes (0 = map's default) and the samples per chunksize.</summary>
public sealed record PoolSweep(int Tasks, IReadOnlyList<int> Chunksizes, int Samples, int Warmup, int Processes = 2)
{
    /// <summary>The nightly sweep (issue #6 §8): 100,000 tasks, chunksize 1, 2, 4 … 4096 and the default.</summary>
    public static PoolSweep Full(BenchPlan plan) =>
        new(100_000, [.. Enumerable.Range(0, 13).Select(i => 1 << i), 0], Math.Min(plan.Samples, 5), Math.Min(plan.Warmup, 1));

    /// <summary>`lab bench --quick`: 10,000 tasks, chunksize 1, 16, 256 and the default, few samples.</summary>
    public static PoolSweep Quick(BenchPlan plan) => new(10_000, [1, 16, 256, 0], Math.Min(plan.Samples, 3), Math.Min(plan.Warmup, 1));

    public static PoolSweep For(BenchPlan plan) => plan.IsQuick ? Quick(plan) : Full(plan);

    public BenchPlan Plan => new(Samples, Warmup);

    /// <summary>pool.py's default: <c>chunksize, extra = divmod(len, len(self._pool) * 4); if extra: chunksize += 1</c>.</summary>
    public int Effective(int chunksize) => chunksize != 0 ? chunksize : Tasks / (Processes * 4) + (Tasks % (Processes * 4) != 0 ? 1 : 0);

    public string CommonParams => Lab.Results.RowParams.Merge(Plan.Params, Lab.Results.RowParams.Of(("tasks", Tasks), ("processes", Processes)));

    /// <summary>The common params and the chunksize: a number, or <c>"default"</c> for pool.py's own.</summary>
    public string Params(int chunksize) =>
        Lab.Results.RowParams.Merge(CommonParams, Lab.Results.RowParams.Of(("chunksize", chunksize == 0 ? "default" : (object)chunksize)));
}

/// <summary>
/// pool-chunksize (issue #6 §8): per-task overhead of Pool.map over trivial tasks on 2 workers, per chunksize. One
/// sample times one map of <see cref="PoolSweep.Tasks"/> tasks on a started and warmed pool (the pool's start is outside
/// every sample; both subjects time MapAsync(...).Get(timeout), CPython map_async(...).get(timeout)); sample = elapsed /
/// tasks in µs. Derived rows per subject and method: pool-overhead-c1 (the chunksize-1 samples), pool-overhead-best (the
/// samples of the chunksize with the lowest median) and pool-best-chunksize (that chunksize; the default counted as its
/// effective value). Targets: engine c1 ≤ 0.25 × CPython c1, engine best ≤ 0.5 × CPython best.
/// </summary>
public static class PoolChunksize
{
    public const string Id = "pool-chunksize";
    public const string OverheadC1 = "pool-overhead-c1";
    public const string OverheadBest = "pool-overhead-best";
    public const string BestChunksize = "pool-best-chunksize";
    public const string Unit = "us/task";

    private static readonly TimeSpan PerMap = TimeSpan.FromSeconds(120);

    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, BenchPlan plan)
    {
        var sweep = PoolSweep.For(plan);
        foreach (var method in engine.StartMethods)
        {
            var context = engine.Context(method);
            var series = new List<(int Chunksize, BenchSeries Series)>();
            using (var pool = new Pool(sweep.Processes, context: context))
            {
                pool.MapAsync<int, int>(PoolBenchTargets.Trivial, Enumerable.Range(0, sweep.Processes * 4), 1).Get(PerMap);
                var data = Enumerable.Range(0, sweep.Tasks).ToList();
                foreach (var chunksize in sweep.Chunksizes)
                    series.Add((chunksize, new BenchSeries(engine.Name, engine.Version, method, Id, sweep.Params(chunksize), Unit, Measure(pool, data, chunksize, sweep))));
            }
            foreach (var s in WithDerived(series, sweep)) yield return s;
        }
    }

    public static IEnumerable<BenchSeries> OnCpython(PythonSubject cpython, BenchPlan plan)
    {
        var sweep = PoolSweep.For(plan);
        foreach (var method in cpython.StartMethods)
        {
            // One repetition is one whole map, bounded as the engine's (PerMap): at chunksize 1 a CPython forkserver map of
            // the quick sweep's 10,000 tasks took 2-7 s on a quiet machine and over 14 s in a loaded main job, which the
            // default 2 s a repetition (plus a minute a call) turned into a "hang".
            var series = sweep.Chunksizes.Select(c => (c, PythonBench.Run(cpython, method, Id, sweep.Plan,
                [("tasks", sweep.Tasks), ("chunksize", c), ("processes", sweep.Processes)], PerMap) with { Params = sweep.Params(c) })).ToList();
            foreach (var s in WithDerived(series, sweep)) yield return s;
        }
    }

    private static List<double> Measure(Pool pool, List<int> data, int chunksize, PoolSweep sweep)
    {
        var samples = new List<double>(sweep.Samples);
        for (var i = 0; i < sweep.Warmup + sweep.Samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var results = pool.MapAsync<int, int>(PoolBenchTargets.Trivial, data, chunksize == 0 ? null : chunksize).Get(PerMap);
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (results.Count != data.Count) throw new InvalidOperationException($"{Id}: map returned {results.Count} results for {data.Count} tasks");
            if (i >= sweep.Warmup) samples.Add(elapsed.TotalMicroseconds / data.Count);
        }
        return samples;
    }

    /// <summary>The sweep's rows, then the derived ones (same subject and method, common params so that they compare
    /// across subjects in the report and the targets).</summary>
    private static IEnumerable<BenchSeries> WithDerived(List<(int Chunksize, BenchSeries Series)> sweepRows, PoolSweep sweep)
    {
        foreach (var (_, s) in sweepRows) yield return s;
        if (sweepRows.FirstOrDefault(r => r.Chunksize == 1).Series is { } c1)
            yield return c1 with { Benchmark = OverheadC1, Params = sweep.CommonParams };
        var best = sweepRows.MinBy(r => Median(r.Series.Samples));
        yield return best.Series with { Benchmark = OverheadBest, Params = sweep.CommonParams };
        yield return best.Series with { Benchmark = BestChunksize, Params = sweep.CommonParams, Unit = "chunksize", Samples = [sweep.Effective(best.Chunksize)] };
    }

    private static double Median(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length == 0 ? double.PositiveInfinity : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
