using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;
using Lab.Systematic.Engine;
using Lab.Systematic.Exploration;

namespace Lab.Scenarios.EngineTwins.Systematic;

/// <summary>Explores an engine program (the engine's coordination code under the in-process seam) and, for a seeded one, checks its token replays.</summary>
public sealed class EngineSeamTwin : SystematicTwin
{
    public override string Id => "systematic.engine-seam";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var program = EnginePrograms.Find(ProgramName(@case))!;
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
