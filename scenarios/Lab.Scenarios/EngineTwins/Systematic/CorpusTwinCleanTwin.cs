using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;
using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;

namespace Lab.Scenarios.EngineTwins.Systematic;

/// <summary>Explores a corpus program's corrected twin (portfolio in quick runs, bounded DFS in full runs) and reports any bug.</summary>
public sealed class CorpusTwinCleanTwin : SystematicTwin
{
    public override string Id => "systematic.corpus-twin-clean";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var name = ProgramName(@case);
        var program = BugCorpus.All.Single(p => p.Fixed.Name == name);
        // Full runs explore the twin exhaustively within the bound (DFS reports "exhausted" well below this cap).
        var exploration = settings.Quick
            ? new ExplorationSettings { Iterations = program.Budget, Seed = SchedulerSeed(settings) }
            : new ExplorationSettings { Strategy = "dfs", PreemptionBound = 2, Iterations = 1_000_000, Seed = SchedulerSeed(settings) };
        var report = Explorer.Explore(program.Fixed, exploration);
        var bug = report.Failure?.Bug.Kind.ToName() ?? "none";
        return new(Observe.Pairs(("bug", bug)), Describe(report, exploration));
    }
}
