using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Executor;

/// <summary>One worker, max_tasks_per_child=2, six sequential submits: the worker exits after two tasks and is replaced
/// (process.py _process_worker: <c>if num_tasks &gt;= max_tasks: ... return</c>). CPython 3.11 added the parameter and
/// refuses it with the fork start method (cpython #90622).</summary>
public sealed class MaxTasksPerChildScenario : ExecutorScenario
{
    private const string Replaced = "distinct_pids=3;pattern=0,0,1,1,2,2";
    private const string Unsupported = "max_tasks_per_child=unsupported";

    public override string Id => "executor.max-tasks-per-child";
    public override string Rule => "A worker that has run max_tasks_per_child tasks exits and is replaced by a new worker.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("1 worker, limit 2, 6 submits", new Dictionary<string, object?> { ["limit"] = 2, ["tasks"] = 6 }, Replaced)];

    public override IReadOnlyList<VersionChange> VersionChanges =>
    [
        new(SubjectKind.Python, "fork", "3.11", Unsupported, "max_tasks_per_child=refused_with_fork",
            "Python 3.11 added max_tasks_per_child and refuses it with the fork start method (cpython #90622); 3.9 and 3.10 have no such parameter."),
        new(SubjectKind.Python, "spawn", "3.11", Unsupported, Replaced, "Python 3.11 added max_tasks_per_child; 3.9 and 3.10 have no such parameter."),
        new(SubjectKind.Python, "forkserver", "3.11", Unsupported, Replaced, "Python 3.11 added max_tasks_per_child; 3.9 and 3.10 have no such parameter."),
    ];
}
