using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Executor;

/// <summary>submit(raise13, 13): the future raises the task's exception type and message with the worker's traceback
/// attached (process.py _ExceptionWithTraceback: <c>__cause__</c> is a _RemoteTraceback; the engine: InnerException
/// is a RemoteTaskError).</summary>
public sealed class TaskExceptionScenario : ExecutorScenario
{
    public override string Id => "executor.task-exception";
    public override string Rule => "A task's exception is raised by its future with its type and message and the remote traceback.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [ScenarioCase.Single("raised=value_error;message=multiple of 13: 13;remote_traceback=true")];
}
