using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>
/// map(raise13, range(20)): element 13 raises. The parent gets the task's exception type and message, with the remote
/// traceback attached (CPython: <c>__cause__</c> is a RemoteTraceback; the engine: InnerException is a RemoteTaskError),
/// and only after every chunk has run (pool.py MapResult._set sets the event when _number_left reaches 0): each task
/// leaves a file, and all 20 are there.
/// </summary>
public sealed class TaskExceptionScenario : PoolScenario
{
    public override string Id => "pool.task-exception";
    public override string Rule => "A task's exception is re-raised by map with its type and message and the remote traceback, after every other task has run.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
    [
        new("range(20), 2 workers, chunksize 1", P(("n", 20), ("processes", 2), ("chunksize", 1)),
            "raised=value_error;message=multiple of 13: 13;remote_traceback=true;tasks_run=20"),
    ];
}
