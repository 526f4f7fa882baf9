using Lab.Engine;
using Lab.Engine.Queues;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Queues;

/// <summary>Puts, gets and marks one item done on a JoinableQueue, then calls TaskDone once more and reports the error.</summary>
public sealed class TaskDoneTooManyTwin : EngineTwin
{
    public override string Id => "queues.task-done-too-many";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var queue = new JoinableQueue();
        queue.Put(1);
        queue.Get(timeout: TimeSpan.FromSeconds(5));
        queue.TaskDone();
        var (raised, how) = QueueTargets.Attempt(queue.TaskDone);
        return new(Observe.Pairs(("raised", raised)), $"Put, Get, TaskDone, then a second TaskDone: {how}");
    }
}
