using System.Diagnostics;
using Lab.Engine;
using Lab.Engine.SharedMemory;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// The argument-size-crossover sweep (seeds 59.30, 59.34 "sending huge objects repeatedly"): argument sizes in bytes,
/// and how many tasks one sample sends (enough to move about <see cref="TrafficBytes"/>, between one per worker and
/// <see cref="MaxTasks"/>). Each size and mode is warmed by one untimed map of one task per worker with the same function
/// and argument, so the quick sweep takes no warm-up samples.
/// </summary>
public sealed record ArgumentSweep(IReadOnlyList<long> Bytes, long TrafficBytes, int Samples, int Warmup, int Processes = 2, int MaxTasks = 256)
{
    public const int Chunksize = 1;
    private const long KiB = 1024, MiB = 1024 * KiB;

    /// <summary>`lab bench --quick`: 1 KiB, 64 KiB, 1 MiB, 16 MiB; at most 64 tasks a sample. Short: each Python series is a
    /// fresh interpreter and pool (16 per start method with task-size-speedup).</summary>
    public static ArgumentSweep Quick(BenchPlan plan) => new([KiB, 64 * KiB, MiB, 16 * MiB], 16 * MiB, Math.Min(plan.Samples, 3), 0, MaxTasks: 64);

    /// <summary>The nightly: 1 KiB to 64 MiB by ×4.</summary>
    public static ArgumentSweep Full(BenchPlan plan) =>
        new([.. Enumerable.Range(0, 9).Select(i => KiB << (2 * i))], 64 * MiB, Math.Min(plan.Samples, 5), Math.Min(plan.Warmup, 1));

    public static ArgumentSweep For(BenchPlan plan) => plan.IsQuick ? Quick(plan) : Full(plan);

    public BenchPlan Plan => new(Samples, Warmup);

    public int Tasks(long bytes) => (int)Math.Clamp(TrafficBytes / bytes, Processes, MaxTasks);

    public string Params(long bytes, string mode) =>
        Lab.Results.RowParams.Merge(Plan.Params, Lab.Results.RowParams.Of(("bytes", bytes), ("tasks", Tasks(bytes)), ("processes", Processes),
            ("chunksize", Chunksize), ("mode", mode)));
}

/// <summary>
/// argument-size-crossover (seeds 59.30, 59.34): the cost per task of handing a pool worker an argument of growing size,
/// through the channel (mode=channel: the bytes are serialized into every task; CPython pickles them) or as the name of a
/// shared memory block holding the same bytes (mode=shared-memory: the worker attaches, reads, closes). One sample times one
/// Pool.map of <see cref="ArgumentSweep.Tasks"/> tasks at chunksize 1 on 2 started and warmed workers; the block is created
/// and filled before the samples and unlinked after them, pass or fail; sample = elapsed / tasks in µs. The crossover (the
/// report's <see cref="Lab.Results.PerformanceModelBuilder"/>) is the smallest size from which shared memory is cheaper.
/// </summary>
public static class ArgumentSizeCrossover
{
    public const string Id = Lab.Results.PerformanceModelBuilder.ArgumentSizeId;
    public const string Unit = "us/task";
    public const string Channel = Lab.Results.PerformanceModelBuilder.Channel, SharedMemory = Lab.Results.PerformanceModelBuilder.SharedMemory;

    private static readonly TimeSpan PerMap = TimeSpan.FromSeconds(120);

    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, BenchPlan plan) => OnEngine(engine, ArgumentSweep.For(plan));

    /// <summary>Any sweep (the tests' tiny one).</summary>
    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, ArgumentSweep sweep)
    {
        foreach (var method in engine.StartMethods)
        {
            var rows = new List<BenchSeries>();
            var context = engine.Context(method);
            using (var pool = new Lab.Engine.Pool(sweep.Processes, context: context))
            {
                pool.MapAsync<byte[], long>(ArgumentTargets.TouchBytes, Enumerable.Repeat(new byte[] { 1 }, sweep.Processes * 4), 1).Get(PerMap);
                foreach (var bytes in sweep.Bytes)
                {
                    var data = EngineBatch.Pattern(checked((int)bytes));
                    List<long> ViaChannel(int tasks) => pool.MapAsync<byte[], long>(ArgumentTargets.TouchBytes, Enumerable.Repeat(data, tasks), ArgumentSweep.Chunksize).Get(PerMap);
                    ViaChannel(sweep.Processes);
                    rows.Add(Row(engine, method, sweep, bytes, Channel, Measure(sweep, bytes, () => ViaChannel(sweep.Tasks(bytes)))));
                    var block = new SharedMemoryBlock(create: true, size: bytes);
                    try
                    {
                        data.AsSpan().CopyTo(block.Span);
                        List<long> ViaShared(int tasks) => pool.MapAsync<string, long>(ArgumentTargets.TouchShared, Enumerable.Repeat(block.Name, tasks), ArgumentSweep.Chunksize).Get(PerMap);
                        ViaShared(sweep.Processes);
                        rows.Add(Row(engine, method, sweep, bytes, SharedMemory, Measure(sweep, bytes, () => ViaShared(sweep.Tasks(bytes)))));
                    }
                    finally
                    {
                        block.Close();
                        block.Unlink();
                    }
                }
            }
            foreach (var row in rows) yield return row;
        }
    }

    /// <summary>One driver run per start method measures the whole sweep on one pool (as here).</summary>
    public static IEnumerable<BenchSeries> OnCpython(PythonSubject cpython, BenchPlan plan)
    {
        var sweep = ArgumentSweep.For(plan);
        var parameters = new Dictionary<string, object>
        {
            ["bytes"] = sweep.Bytes, ["traffic"] = sweep.TrafficBytes, ["max_tasks"] = sweep.MaxTasks, ["processes"] = sweep.Processes,
        };
        return cpython.StartMethods.SelectMany(method => PythonBench.SweepRows(cpython, method, Id, sweep.Plan, parameters, sweep.Bytes.Count * 2, "bytes",
            sweep.Tasks, sweep.Params));
    }

    private static BenchSeries Row(EngineSubject engine, string method, ArgumentSweep sweep, long bytes, string mode, List<double> samples) =>
        new(engine.Name, engine.Version, method, Id, sweep.Params(bytes, mode), Unit, samples);

    /// <summary>Times one map per repetition; every task must have seen the whole argument.</summary>
    private static List<double> Measure(ArgumentSweep sweep, long bytes, Func<List<long>> map)
    {
        var tasks = sweep.Tasks(bytes);
        var samples = new List<double>(sweep.Samples);
        for (var i = 0; i < sweep.Warmup + sweep.Samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var results = map();
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (results.Count != tasks || results.Any(r => r != ArgumentTargets.Expected(bytes)))
                throw new InvalidOperationException($"{Id}: {tasks} tasks of {bytes} bytes returned {results.Count} results, not all {ArgumentTargets.Expected(bytes)}");
            if (i >= sweep.Warmup) samples.Add(elapsed.TotalMicroseconds / tasks);
        }
        return samples;
    }
}
