using FsCheck;
using FsCheck.Fluent;
using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>
/// Engine only (CPython hangs here by design, see pool.worker-killed-during-map): for random worker counts, task
/// counts and chunksizes, SIGKILLing a worker that runs a task of a map gives the broken-pool error naming that pid
/// and -9, within the budget, never a hang.
/// </summary>
public sealed class WorkerKillPropertyScenario : PoolScenario
{
    public override string Id => "pool.worker-kill-property";
    public override string Rule => "Whatever the pool's shape, a worker killed during map gives a broken-pool error naming its pid and -9, never a hang.";
    public override string Source => base.Source + "; cpython #96062, bpo-22393";
    public override ScenarioKind Kind => ScenarioKind.Property;
    public override bool HasCpythonTwin => false;

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [PropertyRunner.Case(settings)];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var shapes = (from processes in Gen.Choose(1, 3) from tasks in Gen.Choose(1, 12) from chunksize in Gen.Choose(1, 3) select (processes, tasks, chunksize)).ToArbitrary();
        var caseBudget = TimeSpan.FromSeconds(30);
        var property = Prop.ForAll(shapes, shape =>
        {
            var (processes, tasks, chunksize) = shape;
            var directory = PoolObserve.TempDirectory("killprop");
            try
            {
                using var pool = new Engine.Pool(processes, (Action<string>)PoolFunctions.InitRecord, [directory.FullName], context: context);
                var result = pool.MapAsync<int, int>(PoolFunctions.AnnounceThenBlock, Enumerable.Range(0, tasks), chunksize);
                var observed = WorkerKilledDuringMapScenario.KillAndObserve(directory, result, caseBudget).Observed;
                return (observed == "raised=broken_pool;names_pid=true;exit_code=-9")
                    .Label($"{processes} worker(s), {tasks} tasks, chunksize {chunksize}: observed {observed}");
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        });
        return PropertyRunner.Check(property, Id, settings, settings.Quick ? 5 : 20);
    }
}
