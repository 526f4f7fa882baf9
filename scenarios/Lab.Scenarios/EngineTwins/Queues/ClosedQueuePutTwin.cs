using Lab.Engine;
using Lab.Engine.Queues;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Queues;

/// <summary>Closes a queue, then puts on it, and reports the error raised.</summary>
public sealed class ClosedQueuePutTwin : EngineTwin
{
    public override string Id => "queues.closed-queue-put";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var queue = new ProcessQueue();
        queue.Close();
        var (raised, how) = QueueTargets.Attempt(() => queue.Put(1));
        return new(Observe.Pairs(("raised", raised)), $"Put after Close(): {how}");
    }
}
