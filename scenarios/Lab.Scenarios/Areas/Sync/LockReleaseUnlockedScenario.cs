using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Sync;

public sealed class LockReleaseUnlockedScenario : Scenario
{
    public override string Id => "sync.lock-release-unlocked";
    public override string Rule => "Releasing a Lock that is not held is an error (CPython: ValueError 'semaphore or lock released too many times').";
    public override string Source => "seeds 59.19 Locks; Modules/_multiprocessing/semaphore.c, SemLock.release";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=value_error")];
}
