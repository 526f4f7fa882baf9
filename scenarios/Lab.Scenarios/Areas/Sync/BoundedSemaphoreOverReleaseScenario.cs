using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Sync;

public sealed class BoundedSemaphoreOverReleaseScenario : Scenario
{
    public override string Id => "sync.bounded-semaphore-over-release";
    public override string Rule => "A BoundedSemaphore refuses to be released above its initial value (ValueError 'semaphore or lock released too many times').";
    public override string Source => "seeds 59.19 Locks (BoundedSemaphore: 'Semaphore with upper bound'); semaphore.c, SemLock.release with maxvalue";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("refused=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var semaphore = new ProcessBoundedSemaphore(2);
        semaphore.Acquire();
        semaphore.Release();
        var (raised, how) = SyncErrors.Attempt(semaphore.Release);
        return new(Observe.Pairs(("refused", raised != "none")), $"BoundedSemaphore(2): acquire, release, then one release too many: {how}");
    }
}
