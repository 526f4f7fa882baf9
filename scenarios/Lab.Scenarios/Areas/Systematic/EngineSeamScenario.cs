using Lab.Engine;
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

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => EnginePrograms.All.Select(p => new ScenarioCase(
        p.Name, new Dictionary<string, object?> { ["program"] = p.Name, ["budget"] = p.Budget },
        p.Expected is { } kind ? Observe.Pairs(("bug", kind.ToName()), ("replays", true)) : Observe.Pairs(("bug", "none"))));

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var program = EnginePrograms.Find(@case.Label)!;
        // Full runs explore the correct programs exhaustively within their preemption bound (DFS stops when exhausted).
        var exploration = settings.Quick || program.Expected is not null
            ? new ExplorationSettings { Iterations = program.Budget, Seed = SchedulerSeed(settings) }
            : new ExplorationSettings { Strategy = "dfs", PreemptionBound = program.DfsBound, Iterations = 200_000, Seed = SchedulerSeed(settings) };
        var report = Explorer.Explore(program.Program, exploration);
        var bug = report.Failure?.Bug.Kind.ToName() ?? "none";
        // A seeded program must also replay from its token; a correct one has nothing to replay.
        var observed = program.Expected is null
            ? Observe.Pairs(("bug", bug))
            : Observe.Pairs(("bug", bug), ("replays", report.Failure is { } failure && Replays(program.Program, failure)));
        return new(observed, Describe(report, exploration));
    }
}
