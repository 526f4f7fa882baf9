using FsCheck;
using FsCheck.Fluent;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>
/// Engine only (CPython hangs here by design, see pool.worker-killed-during-map): for random worker counts, task
/// counts and chunksizes, SIGKILLing a worker that runs a task of a map gives the broken-pool error naming that pid
/// and -9, within the budget, never a hang. Each generated shape is one observation of the twin
/// <c>pool.worker-kill-case</c>.
/// </summary>
public sealed class WorkerKillPropertyScenario : PropertyScenario<WorkerKillPropertyScenario.Shape>
{
    /// <summary>One generated pool shape: 1..3 workers, 1..12 tasks, chunksize 1..3.</summary>
    public sealed record Shape(int Processes, int Tasks, int Chunksize)
    {
        public override string ToString() => $"{Processes} worker(s), {Tasks} tasks, chunksize {Chunksize}";
    }

    private static readonly Observation Broken = "raised=broken_pool;names_pid=true;exit_code=-9";

    public override string Id => "pool.worker-kill-property";
    public override string Rule => "Whatever the pool's shape, a worker killed during map gives a broken-pool error naming its pid and -9, never a hang.";
    public override string Source => PoolScenario.PoolSource + "; cpython #96062, bpo-22393";
    public override string TwinId => "pool.worker-kill-case";

    public override string? WithoutTwinOn(SubjectKind kind) =>
        kind == SubjectKind.Python
            ? "Python's Pool hangs here by design: it does not notice a worker killed mid-task and map() blocks for ever " +
              "(bpo-22393, cpython #96062); pool.worker-killed-during-map observes that once"
            : null;

    public override TimeSpan Budget => PoolScenario.PoolBudget;

    /// <summary>One shape: waiting for a worker's announcement, the kill and the broken-pool error.</summary>
    protected override TimeSpan InputBudget => TimeSpan.FromSeconds(30);

    protected override Arbitrary<Shape> Inputs =>
        (from processes in Gen.Choose(1, 3) from tasks in Gen.Choose(1, 12) from chunksize in Gen.Choose(1, 3)
         select new Shape(processes, tasks, chunksize)).ToArbitrary();

    protected override Dictionary<string, object?> Params(Shape shape) => new()
    {
        ["processes"] = shape.Processes,
        ["tasks"] = shape.Tasks,
        ["chunksize"] = shape.Chunksize,
    };

    protected override bool Holds(Shape shape, Observation observed, SubjectKind kind) => observed == Broken;

    protected override int Tests(RunSettings settings, SubjectKind kind) => settings.Quick ? 5 : 20;
}
