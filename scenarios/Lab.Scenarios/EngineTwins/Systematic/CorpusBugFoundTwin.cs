using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;
using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;

namespace Lab.Scenarios.EngineTwins.Systematic;

/// <summary>Explores a seeded-bug corpus program with the portfolio for its budget and checks the found bug's token replays.</summary>
public sealed class CorpusBugFoundTwin : SystematicTwin
{
    public override string Id => "systematic.corpus-bug-found";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var name = ProgramName(@case);
        var program = BugCorpus.All.Single(p => p.Name == name);
        var exploration = new ExplorationSettings { Iterations = program.Budget, Seed = SchedulerSeed(settings) };
        var report = Explorer.Explore(program.Buggy, exploration);
        return new(Observe.Pairs(
            ("bug", report.Failure?.Bug.Kind.ToName() ?? "none"),
            ("replays", report.Failure is { } failure && Replays(program.Buggy, failure))), Describe(report, exploration));
    }
}
