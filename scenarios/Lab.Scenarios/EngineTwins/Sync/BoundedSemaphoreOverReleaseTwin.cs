using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Sync;

/// <summary>Releases a BoundedSemaphore(2) once more than it was acquired and reports whether it refused.</summary>
public sealed class BoundedSemaphoreOverReleaseTwin : EngineTwin
{
    public override string Id => "sync.bounded-semaphore-over-release";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var semaphore = new ProcessBoundedSemaphore(2);
        semaphore.Acquire();
        semaphore.Release();
        var (raised, how) = SyncErrors.Attempt(semaphore.Release);
        return new(Observe.Pairs(("refused", raised != "none")), $"BoundedSemaphore(2): acquire, release, then one release too many: {how}");
    }
}
