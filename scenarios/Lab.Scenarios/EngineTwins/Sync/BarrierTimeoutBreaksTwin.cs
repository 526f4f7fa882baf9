using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Sync;

/// <summary>Two of three parties wait at a Barrier(3), one with a short timeout; the parent collects whether both saw it broken.</summary>
public sealed class BarrierTimeoutBreaksTwin : EngineTwin
{
    public override string Id => "sync.barrier-timeout-breaks";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        using var barrier = new ProcessBarrier(3);
        var (results, failure) = BarrierParties.Run(scope, barrier, [0.5, 60]);
        if (failure is not null) return failure;
        return new(Observe.Pairs(("broken", results.All(r => r == "broken"))),
            $"Barrier(3), two parties (Wait(0.5 s), Wait(60 s)): {string.Join("; ", results)}; barrier.Broken {barrier.Broken}");
    }
}
