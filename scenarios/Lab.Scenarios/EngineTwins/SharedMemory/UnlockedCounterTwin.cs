using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.SharedMemory;

/// <summary>Four children increment an unsynchronized SharedValue&lt;int&gt; without a lock; reports the total (and, in the detail, the updates lost).</summary>
public sealed class UnlockedCounterTwin : EngineTwin
{
    private const int Max = SharedMemoryTargets.Children * SharedMemoryTargets.Increments;

    public override string Id => "shared-memory.unlocked-counter";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var (total, detail) = Counter.Run(context, budget, locked: false);
        return total is null ? Run.Hang(detail) : new(Observe.Pairs(("total", total)), $"{detail}; {Max - total} updates lost");
    }
}
