using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Sync;

/// <summary>A child holds an RLock; the parent tries to release it and reports whether it was refused.</summary>
public sealed class RLockNonOwnerReleaseTwin : EngineTwin
{
    public override string Id => "sync.rlock-non-owner-release";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        using var rlock = new ProcessRLock();
        var (p, mine) = scope.StartConnected(SyncTargets.AcquireReportWaitRelease, rlock);
        if (!Expect.Message(mine, scope, p, "the child's 'held'", out _, out var failure)) return failure!;
        var (raised, how) = SyncErrors.Attempt(rlock.Release);
        mine.Send("done");
        if (!scope.Join(p)) return Run.Hang("the RLock's owner");
        return new(Observe.Pairs(("refused", raised != "none")), $"child holds the RLock; parent Release(): {how}; child exit code {p.ExitCode}");
    }
}
