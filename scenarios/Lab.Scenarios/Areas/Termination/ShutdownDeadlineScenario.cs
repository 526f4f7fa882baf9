using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Termination;

/// <summary>
/// Graceful shutdown of a group within a deadline (issue #13 §1): a parent with a cooperative child (handles SIGTERM, runs
/// its finally, exits 1), a stubborn one (handles SIGTERM and carries on), a plain one and a pool with a map in flight.
/// CPython: the recipe of the seeds (pool.terminate(), terminate() each child, join until the deadline, kill() the rest);
/// the engine: Multiprocessing.ShutdownChildren(deadline). A 2 s deadline.
/// </summary>
public sealed class ShutdownDeadlineScenario : Scenario
{
    public override string Id => "termination.shutdown-deadline";
    public override string Rule => "A group shutdown terminates the pool, asks every child to stop and kills what is left at the deadline: no child outlives it.";
    public override string Source => "seeds 59.21 Termination ('Prefer cooperative shutdown', terminate, kill); 59.22; 59.26";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [ScenarioCase.Single("cooperative=1;cooperative_finally=true;stubborn=-9;plain=-15;map_ready=true;alive_after=0")];

    /// <summary>CPython's terminate() never completes the pool's pending results: map_async(...).get() waits for ever.</summary>
    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python ? (Observation)"cooperative=1;cooperative_finally=true;stubborn=-9;plain=-15;map_ready=false;alive_after=0" : null;

    public override string IntendedDivergence =>
        "map_ready: CPython's Pool.terminate() leaves the results of unfinished tasks pending for ever (a get() without a timeout hangs); " +
        "the engine fails them with PoolStateError, so nothing waiting on the pool can hang.";
}
