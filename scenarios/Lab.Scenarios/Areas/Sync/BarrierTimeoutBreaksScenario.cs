using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Sync;

public sealed class BarrierTimeoutBreaksScenario : Scenario
{
    public override string Id => "sync.barrier-timeout-breaks";
    public override string Rule => "When only two of three parties arrive and one of them times out, the barrier breaks: both get BrokenBarrierError.";
    public override string Source => "seeds 59.19 Locks (Barrier); CPython docs, threading.Barrier.wait ('if the call times out, the barrier is put into the broken state')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("broken=true")];
}
