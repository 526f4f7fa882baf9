using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Sync;

public sealed class BoundedSemaphoreOverReleaseScenario : Scenario
{
    public override string Id => "sync.bounded-semaphore-over-release";
    public override string Rule => "A BoundedSemaphore refuses to be released above its initial value (ValueError 'semaphore or lock released too many times').";
    public override string Source => "seeds 59.19 Locks (BoundedSemaphore: 'Semaphore with upper bound'); semaphore.c, SemLock.release with maxvalue";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("refused=true")];
}
