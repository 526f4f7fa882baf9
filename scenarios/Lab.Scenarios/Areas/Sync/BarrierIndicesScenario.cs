using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Sync;

public sealed class BarrierIndicesScenario : Scenario
{
    public override string Id => "sync.barrier-indices";
    public override string Rule => "Three processes at a Barrier(3) are all released, and each gets a different index: 0, 1 and 2.";
    public override string Source => "seeds 59.19 Locks (Barrier: 'Group synchronization'); CPython docs, threading.Barrier.wait";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("indices=0,1,2")];
}
