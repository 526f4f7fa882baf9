using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Sync;

public sealed class BarrierTimeoutBreaksScenario : Scenario
{
    public override string Id => "sync.barrier-timeout-breaks";
    public override string Rule => "When only two of three parties arrive and one of them times out, the barrier breaks: both get BrokenBarrierError.";
    public override string Source => "seeds 59.19 Locks (Barrier); CPython docs, threading.Barrier.wait ('if the call times out, the barrier is put into the broken state')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("broken=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        using var barrier = new ProcessBarrier(3);
        var (results, failure) = BarrierParties.Run(scope, barrier, [0.5, 60]);
        if (failure is not null) return failure;
        return new(Observe.Pairs(("broken", results.All(r => r == "broken"))),
            $"Barrier(3), two parties (Wait(0.5 s), Wait(60 s)): {string.Join("; ", results)}; barrier.Broken {barrier.Broken}");
    }
}
