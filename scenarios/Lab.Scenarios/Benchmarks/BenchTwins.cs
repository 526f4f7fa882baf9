using Lab.Scenarios.Model;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Benchmarks;

/// <summary>What a bench twin gets: the plan (samples, warm-up), the batch sizes and the ids selected.</summary>
public sealed record BenchRequest(BenchPlan Plan, IpcBenchSizes Sizes, IReadOnlySet<string> Wanted);

/// <summary>One family's measurement on one kind of subject: how a subject measures a family, registered as the scenario
/// twins are. The catalog never picks code by subject type; a family without a twin for a subject is said, not skipped
/// in silence.</summary>
public sealed record BenchTwin(string Family, SubjectKind Kind, Func<ISubject, BenchRequest, IEnumerable<BenchSeries>> Measure);

/// <summary>Every bench twin, by family and kind of subject.</summary>
public static class BenchTwins
{
    public static IReadOnlyList<BenchTwin> All { get; } =
    [
        new(BenchCatalog.StartFamily, SubjectKind.Engine, (s, r) =>
            StartLatency.OnEngine(Engine(s), r.Plan).Concat(r.Wanted.Contains(StartRate.Id) ? StartRate.OnEngine(Engine(s), r.Plan) : [])),
        new(BenchCatalog.StartFamily, SubjectKind.Python, (s, r) => Python(s).StartMethods.SelectMany(m =>
            new[] { StartLatency.Latency, StartLatency.PeakRss }.Where(r.Wanted.Contains).Select(id => PythonBench.Run(Python(s), m, id, r.Plan, []))
                .Concat(r.Wanted.Contains(StartRate.Id) ? [StartRate.OnCpython(Python(s), m, r.Plan)] : []))),
        new(BenchCatalog.QueueFamily, SubjectKind.Engine, (s, r) => QueueThroughput.OnEngine(Engine(s), r.Plan, r.Sizes)),
        new(BenchCatalog.QueueFamily, SubjectKind.Python, (s, r) => QueueThroughput.OnCpython(Python(s), r.Plan, r.Sizes)),
        new(BenchCatalog.PipeFamily, SubjectKind.Engine, (s, r) => PipeThroughput.OnEngine(Engine(s), r.Plan, r.Sizes, r.Wanted)),
        new(BenchCatalog.PipeFamily, SubjectKind.Python, (s, r) => PipeThroughput.OnCpython(Python(s), r.Plan, r.Sizes)),
        new(BenchCatalog.LockFamily, SubjectKind.Engine, (s, r) => LockUncontended.OnEngine(Engine(s), r.Plan, r.Sizes)),
        new(BenchCatalog.LockFamily, SubjectKind.Python, (s, r) => LockUncontended.OnCpython(Python(s), r.Plan, r.Sizes)),
        new(BenchCatalog.ShmFamily, SubjectKind.Engine, (s, r) => SharedMemoryCopy.OnEngine(Engine(s), r.Plan, r.Sizes, r.Wanted)),
        new(BenchCatalog.ShmFamily, SubjectKind.Python, (s, r) => SharedMemoryCopy.OnCpython(Python(s), r.Plan, r.Sizes, r.Wanted)),
        new(BenchCatalog.HandoffFamily, SubjectKind.Engine, (s, r) => LockHandoff.OnEngine(Engine(s), r.Plan, r.Sizes)),
        new(BenchCatalog.HandoffFamily, SubjectKind.Python, (s, r) => LockHandoff.OnCpython(Python(s), r.Plan, r.Sizes)),
        new(BenchCatalog.PoolFamily, SubjectKind.Engine, (s, r) => PoolChunksize.OnEngine(Engine(s), r.Plan)),
        new(BenchCatalog.PoolFamily, SubjectKind.Python, (s, r) => PoolChunksize.OnCpython(Python(s), r.Plan)),
        new(BenchCatalog.PoolRssFamily, SubjectKind.Engine, (s, r) => PoolWorkerRss.OnEngine(Engine(s), r.Plan)),
        new(BenchCatalog.PoolRssFamily, SubjectKind.Python, (s, r) => PoolWorkerRss.OnCpython(Python(s), r.Plan, r.Wanted)),
        new(BenchCatalog.ExecutorFamily, SubjectKind.Engine, (s, r) => ExecutorBench.OnEngine(Engine(s), r.Plan, r.Wanted)),
        new(BenchCatalog.ExecutorFamily, SubjectKind.Python, (s, r) => ExecutorBench.OnCpython(Python(s), r.Plan, r.Wanted)),
        new(BenchCatalog.ManagerFamily, SubjectKind.Engine, (s, r) => ManagerCall.OnEngine(Engine(s), r.Plan)),
        new(BenchCatalog.ManagerFamily, SubjectKind.Python, (s, r) => ManagerCall.OnCpython(Python(s), r.Plan)),
        new(BenchCatalog.TaskSizeFamily, SubjectKind.Engine, (s, r) => TaskSizeSpeedup.OnEngine(Engine(s), r.Plan)),
        new(BenchCatalog.TaskSizeFamily, SubjectKind.Python, (s, r) => TaskSizeSpeedup.OnCpython(Python(s), r.Plan)),
        new(BenchCatalog.ArgumentSizeFamily, SubjectKind.Engine, (s, r) => ArgumentSizeCrossover.OnEngine(Engine(s), r.Plan)),
        new(BenchCatalog.ArgumentSizeFamily, SubjectKind.Python, (s, r) => ArgumentSizeCrossover.OnCpython(Python(s), r.Plan)),
        new(BenchCatalog.CowFamily, SubjectKind.Engine, (s, r) => CowMemory.OnEngine(Engine(s), r.Plan)),
        new(BenchCatalog.CowFamily, SubjectKind.Python, (s, r) => CowMemory.OnCpython(Python(s), r.Plan)),
        new(BenchCatalog.SpinFamily, SubjectKind.Engine, (s, r) => [Spin.OnEngine(Engine(s), r.Plan)]),
    ];

    /// <summary>The twin of <paramref name="family"/> for subjects of <paramref name="kind"/>, or null.</summary>
    public static BenchTwin? Find(string family, SubjectKind kind) => All.FirstOrDefault(t => t.Family == family && t.Kind == kind);

    private static EngineSubject Engine(ISubject s) => s as EngineSubject ?? throw new ArgumentException($"{s.Name} is not the engine subject");

    private static PythonSubject Python(ISubject s) => s as PythonSubject ?? throw new ArgumentException($"{s.Name} is not a Python subject");
}
