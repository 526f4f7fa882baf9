using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;
using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;

namespace Lab.Scenarios.Areas.Systematic;

public sealed class CorpusTwinCleanScenario : SystematicScenario
{
    public override string Id => "systematic.corpus-twin-clean";
    public override string Rule => "Each corrected twin of the corpus survives its buggy program's whole budget under the portfolio (quick runs), and an exhaustive DFS with preemption bound 2 (full runs), without a bug.";
    public override string Source => "issue #5 §4 (\"the corrected twins must pass the whole budget\"); CHESS (Musuvathi & Qadeer, PLDI 2007) for the bounded DFS";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => BugCorpus.All.Select(p => new ScenarioCase(
        p.Fixed.Name, new Dictionary<string, object?> { ["program"] = p.Fixed.Name, ["budget"] = p.Budget, ["strategy"] = settings.Quick ? "portfolio" : "dfs" },
        Observe.Pairs(("bug", "none"))));

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var program = BugCorpus.All.Single(p => p.Fixed.Name == @case.Label);
        // Full runs explore the twin exhaustively within the bound (DFS reports "exhausted" well below this cap).
        var exploration = settings.Quick
            ? new ExplorationSettings { Iterations = program.Budget, Seed = SchedulerSeed(settings) }
            : new ExplorationSettings { Strategy = "dfs", PreemptionBound = 2, Iterations = 1_000_000, Seed = SchedulerSeed(settings) };
        var report = Explorer.Explore(program.Fixed, exploration);
        var bug = report.Failure?.Bug.Kind.ToName() ?? "none";
        return new(Observe.Pairs(("bug", bug)), Describe(report, exploration));
    }
}
