using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Sync;

/// <summary>The documented hazard, not a bug to hide (DESIGN.md, Sync): neither POSIX semaphores (CPython) nor the
/// engine's futex word have a robust mode, so a lock whose holder was killed stays held.</summary>
public sealed class KilledHolderKeepsLockScenario : Scenario
{
    public override string Id => "sync.killed-holder-keeps-lock";
    public override string Rule => "A Lock held by a process that is SIGKILLed stays held: another process's acquire(timeout=0.2) fails.";
    public override string Source => "seeds 59.21 Termination ('locks left acquired'); lab notes multiprocessing-internals.md section 4";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("acquired=false")];
}
