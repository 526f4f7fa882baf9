using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Sync;

/// <summary>A child holds a Lock and is SIGKILLed; the parent tries to acquire the lock with a short timeout.</summary>
public sealed class KilledHolderKeepsLockTwin : EngineTwin
{
    public override string Id => "sync.killed-holder-keeps-lock";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        using var @lock = new ProcessLock();
        var (p, mine) = scope.StartConnected(SyncTargets.AcquireReportBlock, @lock);
        if (!Expect.Message(mine, scope, p, "the child's 'held'", out _, out var failure)) return failure!;
        p.Kill();
        if (!scope.Join(p)) return Run.Hang("the killed holder");
        var acquired = @lock.Acquire(timeout: TimeSpan.FromMilliseconds(200));
        if (acquired) @lock.Release();
        return new(Observe.Pairs(("acquired", acquired)), $"holder SIGKILLed (exit code {p.ExitCode}); parent Acquire(timeout: 0.2 s): {acquired}");
    }
}
