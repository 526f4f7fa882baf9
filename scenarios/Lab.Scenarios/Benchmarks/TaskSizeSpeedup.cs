using System.Diagnostics;
using Lab.Engine;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// The task-size-speedup sweep (seeds 59.30 "Performance Model": when does multiprocessing help?): a fixed amount of CPU
/// work, <see cref="WorkUs"/> µs of busy spin, cut into tasks of <c>task_us</c> µs each (at least one task per worker).
/// </summary>
public sealed record TaskSizeSweep(int WorkUs, IReadOnlyList<int> TaskUs, int Samples, int Warmup, int Processes = 2)
{
    /// <summary>Pool.map at chunksize 1: each task is its own dispatch, so the per-task overhead shows whole (pool-chunksize
    /// measures what larger chunks save).</summary>
    public const int Chunksize = 1;

    /// <summary>`lab bench --quick`: 200 ms of work in tasks of 10 µs, 100 µs, 1 ms and 10 ms. 40 ms at first, but a few ms
    /// of scheduling jitter then moved the speedups by 10–50% between runs (engine break-even 10 µs in one run, 1 ms in the
    /// next). No warm-up samples: the pool is warmed by its own map before the first, and the spin is compiled fully
    /// optimized at once (the .NET side) or is a loop the PyPy JIT compiles within the first task.</summary>
    public static TaskSizeSweep Quick(BenchPlan plan) => new(200_000, [10, 100, 1_000, 10_000], Math.Min(plan.Samples, 3), 0);

    /// <summary>The nightly: 200 ms of work in tasks of 1 µs to 100 ms by decades.</summary>
    public static TaskSizeSweep Full(BenchPlan plan) =>
        new(200_000, [1, 10, 100, 1_000, 10_000, 100_000], Math.Min(plan.Samples, 5), Math.Min(plan.Warmup, 1));

    public static TaskSizeSweep For(BenchPlan plan) => plan.IsQuick ? Quick(plan) : Full(plan);

    public BenchPlan Plan => new(Samples, Warmup);

    /// <summary>Tasks of <paramref name="taskUs"/> µs that make up the work; never fewer than the workers.</summary>
    public int Tasks(int taskUs) => Math.Max(Processes, WorkUs / taskUs);

    /// <summary>The plan, work, task size, tasks, workers, chunksize and <c>mode</c> (serial|pool).</summary>
    public string Params(int taskUs, string mode) =>
        Lab.Results.RowParams.Merge(Plan.Params, Lab.Results.RowParams.Of(("work_us", WorkUs), ("task_us", taskUs), ("tasks", Tasks(taskUs)),
            ("processes", Processes), ("chunksize", Chunksize), ("mode", mode)));
}

/// <summary>
/// task-size-speedup (seeds 59.30): one sample times the whole fixed work, run serially in the parent (mode=serial) or by
/// Pool.map on 2 started and warmed workers at chunksize 1 (mode=pool, the pool's start outside every sample; both
/// subjects time MapAsync(...).Get(timeout), CPython map_async(...).get(timeout)); sample = elapsed in ms. Speedup =
/// serial ÷ pool per task size; the break-even task size (the report's <see cref="Lab.Results.PerformanceModelBuilder"/>) is
/// the smallest task size from which the pool is faster.
/// </summary>
public static class TaskSizeSpeedup
{
    public const string Id = Lab.Results.PerformanceModelBuilder.TaskSizeId;
    public const string Unit = "ms";
    public const string Serial = Lab.Results.PerformanceModelBuilder.Serial, Pool = Lab.Results.PerformanceModelBuilder.Pool;

    private static readonly TimeSpan PerMap = TimeSpan.FromSeconds(120);

    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, BenchPlan plan) => OnEngine(engine, TaskSizeSweep.For(plan));

    /// <summary>Any sweep (the tests' tiny one).</summary>
    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, TaskSizeSweep sweep)
    {
        foreach (var method in engine.StartMethods)
        {
            var rows = new List<BenchSeries>();
            // Serial runs in this process: the start method changes nothing there; a series per method keeps the table uniform.
            foreach (var taskUs in sweep.TaskUs)
                rows.Add(Row(engine, method, sweep, taskUs, Serial, Measure(sweep, taskUs, tasks =>
                {
                    var total = 0;
                    foreach (var t in tasks) total += TaskSizeTargets.SpinCpu(t);
                    return total;
                })));
            var context = engine.Context(method);
            using (var pool = new Lab.Engine.Pool(sweep.Processes, context: context))
            {
                pool.MapAsync<int, int>(TaskSizeTargets.SpinCpu, Enumerable.Repeat(1, sweep.Processes * 4), 1).Get(PerMap);
                foreach (var taskUs in sweep.TaskUs)
                    rows.Add(Row(engine, method, sweep, taskUs, Pool, Measure(sweep, taskUs,
                        tasks => pool.MapAsync<int, int>(TaskSizeTargets.SpinCpu, tasks, TaskSizeSweep.Chunksize).Get(PerMap).Sum())));
            }
            foreach (var row in rows) yield return row;
        }
    }

    /// <summary>One driver run per start method measures the whole sweep, serial then pool, on one pool (as here).</summary>
    public static IEnumerable<BenchSeries> OnCpython(PythonSubject cpython, BenchPlan plan)
    {
        var sweep = TaskSizeSweep.For(plan);
        var parameters = new Dictionary<string, object> { ["work_us"] = sweep.WorkUs, ["task_us"] = sweep.TaskUs, ["processes"] = sweep.Processes };
        return cpython.StartMethods.SelectMany(method => PythonBench.SweepRows(cpython, method, Id, sweep.Plan, parameters, sweep.TaskUs.Count * 2, "task_us",
            taskUs => sweep.Tasks((int)taskUs), (taskUs, mode) => sweep.Params((int)taskUs, mode)));
    }

    private static BenchSeries Row(EngineSubject engine, string method, TaskSizeSweep sweep, int taskUs, string mode, List<double> samples) =>
        new(engine.Name, engine.Version, method, Id, sweep.Params(taskUs, mode), Unit, samples);

    /// <summary>Times <paramref name="run"/> over the tasks warm-up + samples times; its result (the sum of the task sizes
    /// returned) must be the whole work, or a task was lost.</summary>
    private static List<double> Measure(TaskSizeSweep sweep, int taskUs, Func<List<int>, long> run)
    {
        var tasks = Enumerable.Repeat(taskUs, sweep.Tasks(taskUs)).ToList();
        var samples = new List<double>(sweep.Samples);
        for (var i = 0; i < sweep.Warmup + sweep.Samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var total = run(tasks);
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (total != (long)taskUs * tasks.Count) throw new InvalidOperationException($"{Id}: {tasks.Count} tasks of {taskUs} µs returned {total} µs of work");
            if (i >= sweep.Warmup) samples.Add(elapsed.TotalMilliseconds);
        }
        return samples;
    }
}
