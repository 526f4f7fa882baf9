using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Sync;

/// <summary>The documented hazard, not a bug to hide (DESIGN.md, Sync): neither POSIX semaphores (CPython) nor the
/// engine's futex word have a robust mode, so a lock whose holder was killed stays held.</summary>
public sealed class KilledHolderKeepsLockScenario : Scenario
{
    public override string Id => "sync.killed-holder-keeps-lock";
    public override string Rule => "A Lock held by a process that is SIGKILLed stays held: another process's acquire(timeout=0.2) fails.";
    public override string Source => "seeds 59.21 Termination ('locks left acquired'); lab notes multiprocessing-internals.md section 4";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("acquired=false")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
