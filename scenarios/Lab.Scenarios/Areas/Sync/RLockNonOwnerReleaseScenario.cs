using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Sync;

public sealed class RLockNonOwnerReleaseScenario : Scenario
{
    public override string Id => "sync.rlock-non-owner-release";
    public override string Rule => "An RLock held by a child cannot be released by the parent: only its owner may release it.";
    public override string Source => "seeds 59.19 Locks (RLock); semaphore.c RECURSIVE_MUTEX ('attempt to release recursive lock not owned by thread')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("refused=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
