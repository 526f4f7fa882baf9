using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;
using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;

namespace Lab.Scenarios.Areas.Systematic;

public sealed class CorpusBugFoundScenario : SystematicScenario
{
    public override string Id => "systematic.corpus-bug-found";
    public override string Rule => "The default portfolio finds each seeded bug of the corpus within the program's stated budget, of the expected kind, and its shrunk schedule's token replays to the same bug.";
    public override string Source => "issue #5 §4 (seeded-bug corpus); Coyote's portfolio; scenarios/Lab.Systematic/README.md";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => BugCorpus.All.Select(p => new ScenarioCase(
        p.Name, new Dictionary<string, object?> { ["program"] = p.Name, ["budget"] = p.Budget },
        Observe.Pairs(("bug", p.Expected.ToName()), ("replays", true))));

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var program = BugCorpus.All.Single(p => p.Name == @case.Label);
        var exploration = new ExplorationSettings { Iterations = program.Budget, Seed = SchedulerSeed(settings) };
        var report = Explorer.Explore(program.Buggy, exploration);
        return new(Observe.Pairs(
            ("bug", report.Failure?.Bug.Kind.ToName() ?? "none"),
            ("replays", report.Failure is { } failure && Replays(program.Buggy, failure))), Describe(report, exploration));
    }
}
