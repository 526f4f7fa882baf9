using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Sync;

public sealed class RLockNonOwnerReleaseScenario : Scenario
{
    public override string Id => "sync.rlock-non-owner-release";
    public override string Rule => "An RLock held by a child cannot be released by the parent: only its owner may release it.";
    public override string Source => "seeds 59.19 Locks (RLock); semaphore.c RECURSIVE_MUTEX ('attempt to release recursive lock not owned by thread')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("refused=true")];
}
