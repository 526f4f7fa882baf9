using Lab.Scenarios.Model;
using Lab.Scenarios.Support;
using Lab.Systematic.Engine;
using Lab.Systematic.Exploration;

namespace Lab.Scenarios.Areas.Systematic;

public sealed class EngineSeamScenario : SystematicScenario
{
    public override string Id => "systematic.engine-seam";
    public override string Rule => "The engine's own coordination code (futex lock, rlock, semaphores, event, condition, barrier, the queue feeder) runs under the controlled scheduler without a bug within the program's budget, and the seeded lost-wakeup program on the engine's condition is found and replays.";
    public override string Source => "issue #5 §2 (in-process seam); scenarios/Lab.Systematic/README.md, \"The engine seam\"";

    /// <summary>The engine programs attach a scheduler to the engine's own code in this process (EngineSchedulerAdapter).</summary>
    public override bool NeedsSchedulingHooks => true;

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => EnginePrograms.All.Select(p => new ScenarioCase(
        p.Name, new Dictionary<string, object?> { ["program"] = p.Name, ["budget"] = p.Budget },
        p.Expected is { } kind ? Observe.Pairs(("bug", kind.ToName()), ("replays", true)) : Observe.Pairs(("bug", "none"))));
}
