using Lab.Scenarios.Model;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Benchmarks;

/// <summary>One benchmark id: what it measures, in which unit, and whether a bigger figure is better.</summary>
/// <param name="EngineOnly">A baseline with no CPython counterpart (the engine's raw pipe).</param>
public sealed record BenchDefinition(string Id, string Family, string Unit, bool HigherIsBetter, bool EngineOnly, string Description);

/// <summary>
/// A performance target of issue #4 §7, checked on medians and only reported (never asserted: DESIGN.md, "Scenarios").
/// The engine's <see cref="Benchmark"/> median is divided by the median of <see cref="ReferenceBenchmark"/> on
/// <see cref="ReferenceSubject"/>: every CPython start method when the reference is CPython, the same start method
/// when it is an engine baseline.
/// </summary>
/// <param name="BestReference">Compare with the reference subject's best start method only (issue #6 §8: "CPython's best
/// method"), not with each of them.</param>
public sealed record BenchTarget(string Benchmark, string ReferenceSubject, string ReferenceBenchmark, bool AtLeast, double Factor, bool BestReference = false)
{
    /// <summary>The engine subject whose rows are held to the target ("engine", or "engine-aot" for issue #11's goals).</summary>
    public string Subject { get; init; } = EngineSubject.SubjectName;

    /// <summary>Only the engine's rows of this start method (null: every method).</summary>
    public string? EngineMethod { get; init; }

    /// <summary>Only the reference's rows of this start method (null: every method).</summary>
    public string? ReferenceMethod { get; init; }

    public string Text => $"{Subject}{(EngineMethod is null ? "" : "/" + EngineMethod)} {(AtLeast ? "≥" : "≤")} {Factor:0.##} × " +
                          $"{(BestReference ? "best " : "")}{ReferenceSubject}{(ReferenceMethod is null ? "" : "/" + ReferenceMethod)} {ReferenceBenchmark}";

    public bool IsMet(double ratio) => AtLeast ? ratio >= Factor : ratio <= Factor;
}

/// <summary>
/// Batch sizes of the IPC benchmarks: one sample times one whole batch. Both subjects get the same sizes and the
/// same <c>params</c> text (rows compare only with equal params).
/// </summary>
public sealed record IpcBenchSizes(
    int QueueMessages = 20_000,
    int PipeMessages = 64,
    int PipeMessageBytes = 1024 * 1024,
    int LockPairs = 1_000_000,
    int ShmMiB = 64,
    int HandoffRounds = 2_000)
{
    public static IpcBenchSizes Default { get; } = new();

    /// <summary>Engine children give up (exit 3) after waiting this long for their parent's next batch.</summary>
    public double ChildBlockSeconds { get; init; } = 120;

    /// <summary>Any single wait in a parent (one message, one hand-off, a child's "ready").</summary>
    public TimeSpan PerWait { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Every benchmark `lab bench` knows, in run order, and the families that measure them. A family measures all its
/// selected ids on one subject; start methods are iterated inside (the engine's, then CPython's three).
/// </summary>
public static class BenchCatalog
{
    public const string StartFamily = "start", QueueFamily = "queue", PipeFamily = "pipe", LockFamily = "lock-uncontended",
        ShmFamily = "shm", HandoffFamily = "lock-handoff", PoolFamily = "pool", PoolRssFamily = "pool-rss", SpinFamily = "spin",
        ExecutorFamily = "executor", ManagerFamily = "manager-call",
        TaskSizeFamily = "task-size", ArgumentSizeFamily = "argument-size", CowFamily = "cow-memory";

    public static IReadOnlyList<BenchDefinition> All { get; } =
    [
        new(StartLatency.Latency, StartFamily, "ms", false, false, "start() + join() of a no-op child"),
        new(StartLatency.PeakRss, StartFamily, "KiB", false, false, "peak resident set (VmHWM) of a no-op child"),
        new(StartRate.Id, StartFamily, "starts/s", true, false, "sustained rate of 50 sequential start() + join() of a no-op child"),
        new(QueueThroughput.Id, QueueFamily, "msgs/s", true, false, "one producer puts small ints into a queue, the parent gets them all"),
        new(PipeThroughput.FramedId, PipeFamily, "MB/s", true, false, "1 MiB messages, send_bytes -> recv_bytes_into a reused buffer, one-way Pipe"),
        new(PipeThroughput.RawId, PipeFamily, "MB/s", true, true, "the same bytes through the same OS pipe with no framing (engine baseline)"),
        new(LockUncontended.Id, LockFamily, "ns", false, false, "acquire + release of an uncontended process lock"),
        new(SharedMemoryCopy.ShmId, ShmFamily, "GB/s", true, false, "bulk copy into a shared memory block"),
        new(SharedMemoryCopy.MemcpyId, ShmFamily, "GB/s", true, false, "the same copy into a plain in-process buffer"),
        new(LockHandoff.Id, HandoffFamily, "ns", false, false, "two processes hand a turn back and forth over two semaphores (report only)"),
        new(PoolChunksize.Id, PoolFamily, PoolChunksize.Unit, false, false, "Pool.map of trivial tasks on 2 warm workers: time per task, per chunksize (chunksize in params)"),
        new(PoolChunksize.OverheadC1, PoolFamily, PoolChunksize.Unit, false, false, "pool-chunksize at chunksize 1 (per-task dispatch overhead)"),
        new(PoolChunksize.OverheadBest, PoolFamily, PoolChunksize.Unit, false, false, "pool-chunksize at the subject's best chunksize"),
        new(PoolChunksize.BestChunksize, PoolFamily, "chunksize", false, false, "the chunksize with the lowest pool-chunksize median (default counted as its value)"),
        new(CowMemory.Id, CowFamily, CowMemory.Unit, false, false, "rss, pss and uss (smaps_rollup) of a child that read one byte per page of 64 MiB given as its argument or through a shared memory block (mode and measure in params)"),
        new(PoolWorkerRss.Rss, PoolRssFamily, "KiB", false, false, "resident set (VmRSS) of each pool worker after a warm-up map"),
        new(PoolWorkerRss.PeakRss, PoolRssFamily, "KiB", false, false, "peak resident set (VmHWM) of each pool worker after a warm-up map"),
        new(ExecutorBench.SubmitId, ExecutorFamily, ExecutorBench.Unit, false, false, "ProcessPoolExecutor: submit trivial tasks (one future each) on 2 warm workers and wait for all: time per task"),
        new(ExecutorBench.MapId, ExecutorFamily, ExecutorBench.Unit, false, false, "ProcessPoolExecutor.map of trivial tasks on 2 warm workers: time per task, per chunksize (chunksize in params)"),
        new(TaskSizeSpeedup.Id, TaskSizeFamily, TaskSizeSpeedup.Unit, false, false, "a fixed amount of CPU work (busy spin) in tasks of task_us µs, serial in the parent or Pool.map on 2 warm workers at chunksize 1 (mode in params): total time"),
        new(ArgumentSizeCrossover.Id, ArgumentSizeFamily, ArgumentSizeCrossover.Unit, false, false, "Pool.map on 2 warm workers of tasks that touch an argument of `bytes` bytes, sent through the channel or as a shared memory block's name (mode in params): time per task"),
        new(ManagerCall.Id, ManagerFamily, ManagerCall.Unit, false, false, "one proxy method call (list.append of a small int) from the parent to a manager's process (report only)"),
        new(Spin.Id, SpinFamily, Spin.Unit, false, true, "CPU time of a fixed amount of work in process: the machine's own noise, and the calibration target of lab compare"),
    ];

    /// <summary>Issue #4 §7. pipe-throughput-1mib has two: either bound may be the one that applies.</summary>
    public static IReadOnlyList<BenchTarget> Targets { get; } =
    [
        // Issue #11 §5: children on the Native AOT worker against CPython's fork, the cheapest CPython start.
        new(StartLatency.Latency, CpythonSubject.SubjectName, StartLatency.Latency, AtLeast: false, 1)
            { Subject = EngineSubject.AotSubjectName, EngineMethod = "spawn", ReferenceMethod = "fork" },
        new(StartLatency.Latency, CpythonSubject.SubjectName, StartLatency.Latency, AtLeast: false, 0.5)
            { Subject = EngineSubject.AotSubjectName, EngineMethod = "forkserver", ReferenceMethod = "fork" },
        new(StartRate.Id, CpythonSubject.SubjectName, StartRate.Id, AtLeast: true, 1)
            { Subject = EngineSubject.AotSubjectName, EngineMethod = "spawn", ReferenceMethod = "fork" },
        new(StartLatency.PeakRss, CpythonSubject.SubjectName, StartLatency.PeakRss, AtLeast: false, 0.5)
            { Subject = EngineSubject.AotSubjectName, ReferenceMethod = "fork" },
        new(PoolWorkerRss.Rss, CpythonSubject.SubjectName, PoolWorkerRss.Rss, AtLeast: false, 0.5)
            { Subject = EngineSubject.AotSubjectName, ReferenceMethod = "fork" },
        new(QueueThroughput.Id, CpythonSubject.SubjectName, QueueThroughput.Id, AtLeast: true, 4),
        new(PipeThroughput.FramedId, CpythonSubject.SubjectName, PipeThroughput.FramedId, AtLeast: true, 4),
        new(PipeThroughput.FramedId, EngineSubject.SubjectName, PipeThroughput.RawId, AtLeast: true, 0.8),
        new(LockUncontended.Id, CpythonSubject.SubjectName, LockUncontended.Id, AtLeast: false, 0.25),
        new(SharedMemoryCopy.ShmId, EngineSubject.SubjectName, SharedMemoryCopy.MemcpyId, AtLeast: true, 0.8),
        // Issue #6 §8: the engine at chunksize 1 against CPython's best method at chunksize 1, and best against best.
        new(PoolChunksize.OverheadC1, CpythonSubject.SubjectName, PoolChunksize.OverheadC1, AtLeast: false, 0.25, BestReference: true),
        new(PoolChunksize.OverheadBest, CpythonSubject.SubjectName, PoolChunksize.OverheadBest, AtLeast: false, 0.5, BestReference: true),
        // The executor issue (seeds 59.32): per-task overhead of Submit at most a quarter of CPython's best start method.
        new(ExecutorBench.SubmitId, CpythonSubject.SubjectName, ExecutorBench.SubmitId, AtLeast: false, 0.25, BestReference: true),
    ];

    public static IReadOnlyList<string> Ids { get; } = All.Select(b => b.Id).ToArray();

    /// <summary>The ids named by <c>--benchmark</c> (each value may be a comma list), in catalog order; all of them
    /// when none is named. <exception cref="ArgumentException">for an unknown id (the message lists the known ones).</exception></summary>
    public static IReadOnlyList<string> Select(IEnumerable<string>? requested)
    {
        var names = (requested ?? []).SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (names.Count == 0) return Ids;
        var unknown = names.Where(n => !Ids.Contains(n)).Distinct().ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown benchmark{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}: expected one of {string.Join(", ", Ids)}");
        return Ids.Where(names.Contains).ToArray();
    }

    /// <summary>The families that measure at least one of <paramref name="ids"/> on this subject, in run order: those with
    /// a twin for its kind (BenchTwins), and only engine baselines on the engine.</summary>
    public static IReadOnlyList<string> Families(IReadOnlyCollection<string> ids, ISubject subject) =>
        All.Where(b => ids.Contains(b.Id) && (!b.EngineOnly || subject.Kind == SubjectKind.Engine) && BenchTwins.Find(b.Family, subject.Kind) is not null)
            .Select(b => b.Family).Distinct().ToArray();

    /// <summary>Measures the selected ids of one family on one subject, under each of its start methods.
    /// <exception cref="InvalidOperationException">when the family has no twin for the subject's kind.</exception></summary>
    public static IReadOnlyList<BenchSeries> Run(string family, ISubject subject, BenchPlan plan, IReadOnlyCollection<string> ids, IpcBenchSizes? sizes = null)
    {
        var twin = BenchTwins.Find(family, subject.Kind)
                   ?? throw new InvalidOperationException($"the benchmark family '{family}' has no twin for {subject.Name} ({subject.Kind} subjects)");
        var wanted = ids.ToHashSet();
        return twin.Measure(subject, new BenchRequest(plan, sizes ?? IpcBenchSizes.Default, wanted)).Where(s => wanted.Contains(s.Benchmark)).ToList();
    }

    /// <summary><c>{"messages":20000,"n":20,"warmup":3}</c>: the plan's params and the batch parameters
    /// (<see cref="Lab.Results.RowParams"/>).</summary>
    internal static string Params(BenchPlan plan, IReadOnlyList<(string Key, long Value)> batch) =>
        Lab.Results.RowParams.Merge(plan.Params, Lab.Results.RowParams.Of(batch.Select(p => (p.Key, (object?)p.Value))));
}
