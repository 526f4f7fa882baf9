using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Sync;

public sealed class LockReleasedByOtherProcessScenario : Scenario
{
    public override string Id => "sync.lock-released-by-other-process";
    public override string Rule => "A Lock has no owner: a lock acquired by a child (which then returned) can be released by the parent, and is free afterwards.";
    public override string Source => "seeds 59.19 Locks; CPython docs, multiprocessing.Lock ('may be released from any process or thread')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("released=true")];
}
