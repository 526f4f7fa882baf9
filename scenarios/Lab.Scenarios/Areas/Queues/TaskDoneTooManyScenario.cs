using Lab.Engine;
using Lab.Engine.Queues;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Queues;

public sealed class TaskDoneTooManyScenario : Scenario
{
    public override string Id => "queues.task-done-too-many";
    public override string Rule => "On a JoinableQueue, task_done() called more times than items were put raises ValueError('task_done() called too many times').";
    public override string Source => "seeds 59.12 Queues; CPython docs, JoinableQueue.task_done()";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=value_error")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var queue = new JoinableQueue();
        queue.Put(1);
        queue.Get(timeout: TimeSpan.FromSeconds(5));
        queue.TaskDone();
        var (raised, how) = QueueTargets.Attempt(queue.TaskDone);
        return new(Observe.Pairs(("raised", raised)), $"Put, Get, TaskDone, then a second TaskDone: {how}");
    }
}
