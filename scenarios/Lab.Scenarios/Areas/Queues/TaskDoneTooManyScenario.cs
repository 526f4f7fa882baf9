using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Queues;

public sealed class TaskDoneTooManyScenario : Scenario
{
    public override string Id => "queues.task-done-too-many";
    public override string Rule => "On a JoinableQueue, task_done() called more times than items were put raises ValueError('task_done() called too many times').";
    public override string Source => "seeds 59.12 Queues; CPython docs, JoinableQueue.task_done()";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=value_error")];
}
