using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>
/// A worker is SIGKILLed (or SIGTERMed: case param <c>signal</c>) while it runs a task of a map (it announces the task through a file named by its pid, then
/// blocks). CPython loses that task's result and map waits for ever (bpo-22393, gh-96062): the twin observes
/// <c>outcome=blocked</c> after <c>wait</c> seconds. The engine notices the death and fails the map with a broken-pool error
/// naming the pid and exit code (-9, -15).
/// </summary>
public sealed class WorkerKilledDuringMapScenario : PoolScenario
{
    public override string Id => "pool.worker-killed-during-map";
    public override string Rule => "If a worker dies while tasks are pending, map fails with a broken-pool error naming the worker's pid and exit code; it never hangs.";
    public override string Source => base.Source + "; cpython #96062, bpo-22393 (Pool hangs when a worker is killed)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [
            new("2 workers, SIGKILL one mid-task", P(("processes", 2), ("wait", 5.0)), "raised=broken_pool;names_pid=true;exit_code=-9"),
            // Issue #13 §1: SIGTERM to a pool worker (kill, or a system shutting down) is no gentler: the worker dies by it.
            new("2 workers, SIGTERM one mid-task", P(("processes", 2), ("wait", 5.0), ("signal", "SIGTERM")), "raised=broken_pool;names_pid=true;exit_code=-15"),
        ];

    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python ? (Observation)PoolObserve.Blocked : null;

    public override string IntendedDivergence =>
        "CPython's Pool does not notice a worker killed mid-task: the lost task's result never comes and map() blocks for ever " +
        "(bpo-22393, cpython #96062; concurrent.futures' ProcessPoolExecutor raises BrokenProcessPool instead). The engine watches " +
        "its workers (pidfd) and fails the pending results with a BrokenPoolError naming the pid and exit code.";
}
