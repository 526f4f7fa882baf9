using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Sync;

/// <summary>A child acquires a Lock and returns; the parent releases it and checks it is free.</summary>
public sealed class LockReleasedByOtherProcessTwin : EngineTwin
{
    public override string Id => "sync.lock-released-by-other-process";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        using var @lock = new ProcessLock();
        var p = Run.ToEnd(scope, SyncTargets.AcquireAndReturn, [@lock]);
        if (p is null) return Run.Hang("the child acquiring the lock");
        if (p.ExitCode != 0) return new(Observe.Pairs(("released", null)), $"the child could not acquire the lock (exit code {p.ExitCode})");
        var held = !@lock.Acquire(block: false);
        var (raised, how) = SyncErrors.Attempt(@lock.Release);
        var free = @lock.Acquire(block: false);
        if (free) @lock.Release();
        return new(Observe.Pairs(("released", raised == "none" && free)),
            $"child acquired and returned (exit code 0); held afterwards: {held}; parent Release(): {how}; free afterwards: {free}");
    }
}
