using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Systematic;

public sealed class ProcessKillScenario : SystematicScenario
{
    /// <summary>The programs and the fewest kill points that make the enumeration meaningful (ProcessKillTests states
    /// why); the minimum is a case parameter (<c>min_points</c>), which the twin's <c>enough_points</c> is about.</summary>
    private static readonly (string Program, int MinimumIterations)[] Programs =
        [("processes.queue-put-kill", 7), ("processes.lock-kill", 4), ("processes.pool-map-kill", 5)];

    public override string Id => "systematic.process-kill";
    public override string Rule => "A real child SIGKILLed at every one of its scheduling points never leaves a garbage object or a hang: a large Queue.put delivers the whole item or raises QueueBrokenError; a lock is held afterwards exactly when the child died holding it; a pool Map returns the correct result or raises BrokenPoolError.";
    public override string Source => "issue #5 §3 (fault injection as a scheduling choice) and issue #6 §4; scenarios/Lab.Systematic/README.md, \"Real processes\"";

    /// <summary>The children run engine code (queues, locks, a pool) under the process scheduler, which reaches them
    /// through the engine's scheduling hooks.</summary>
    public override bool NeedsSchedulingHooks => true;

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => Programs.Select(p => new ScenarioCase(
        p.Program, new Dictionary<string, object?> { ["program"] = p.Program, ["faults"] = "every-point", ["min_points"] = p.MinimumIterations },
        Observe.Pairs(("bug", "none"), ("exhausted", true), ("enough_points", true))));
}
