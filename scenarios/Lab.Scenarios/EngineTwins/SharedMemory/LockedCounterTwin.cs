using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.SharedMemory;

/// <summary>Four children increment a synchronized SharedValue&lt;int&gt; under its lock; reports the total.</summary>
public sealed class LockedCounterTwin : EngineTwin
{
    public override string Id => "shared-memory.locked-counter";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var (total, detail) = Counter.Run(context, budget, locked: true);
        return total is null ? Run.Hang(detail) : new(Observe.Pairs(("total", total)), detail);
    }
}
