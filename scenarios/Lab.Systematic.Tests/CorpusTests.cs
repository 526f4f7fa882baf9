using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>
/// The seeded-bug corpus validates the tester (issue #5 §4): the portfolio finds every bug within the program's stated
/// budget, and every corrected twin passes the whole budget. The seed is fresh per run (LAB_SEED replays one): the
/// budgets hold for every seed (see <see cref="BugCorpus"/>), and the DFS test below checks the reason.
/// </summary>
public class CorpusTests
{
    public static TheoryData<string> Names => new(BugCorpus.All.Select(p => p.Name));

    private static CorpusProgram Program(string name) => BugCorpus.All.Single(p => p.Name == name);

    [Fact]
    public void Corpus_Programs_AreAtLeastEightWithDistinctNamesAndTwins()
    {
        Assert.True(BugCorpus.All.Count >= 8);
        Assert.Equal(BugCorpus.Programs.Count, BugCorpus.Programs.Select(p => p.Name).Distinct().Count());
        Assert.All(BugCorpus.All, p => Assert.Same(p.Fixed, BugCorpus.Find(p.Name + CorpusProgram.FixedSuffix)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Portfolio_BuggyProgram_FindsExpectedBugWithinBudget(string name)
    {
        var program = Program(name);
        var settings = new ExplorationSettings { Seed = Explain.Seed, Iterations = program.Budget };
        var report = Explorer.Explore(program.Buggy, settings);
        Assert.True(report.Failure is not null, $"no bug within the budget of {program.Budget}\n{Explain.Report(report, settings)}");
        Assert.True(report.Failure!.Bug.Kind == program.Expected, $"expected a {program.Expected.ToName()}\n{Explain.Report(report, settings)}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Portfolio_FixedTwin_PassesWholeBudget(string name)
    {
        var program = Program(name);
        var settings = new ExplorationSettings { Seed = Explain.Seed, Iterations = program.Budget };
        var report = Explorer.Explore(program.Fixed, settings);
        Assert.True(report.Failure is null, Explain.Report(report, settings));
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal(program.Budget, report.Iterations);
        });
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Dfs_BuggyProgram_FindsBugWithinQuarterOfBudget(string name)
    {
        // The portfolio's fourth member is DFS(pb=2): finding the bug by schedule Budget/4 makes the budget hold for
        // every seed of the portfolio.
        var program = Program(name);
        var settings = new ExplorationSettings { Strategy = "dfs", Iterations = program.Budget / 4, Shrink = false };
        var report = Explorer.Explore(program.Buggy, settings);
        Assert.True(report.Failure is { } f && f.Bug.Kind == program.Expected, Explain.Report(report, settings));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Dfs_FixedTwin_HasNoBugWithinPreemptionBoundTwo(string name)
    {
        var settings = new ExplorationSettings { Strategy = "dfs", PreemptionBound = 2, Iterations = 100_000 };
        var report = Explorer.Explore(Program(name).Fixed, settings);
        Assert.True(report.Failure is null && report.Exhausted, Explain.Report(report, settings));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void RandomAndPct_BuggyProgram_EachFindBugAlone(string name)
    {
        var program = Program(name);
        foreach (var strategy in new[] { "random", "pct" })
        {
            var settings = new ExplorationSettings { Strategy = strategy, Seed = Explain.Seed, Iterations = 10_000, Shrink = false };
            var report = Explorer.Explore(program.Buggy, settings);
            Assert.True(report.Failure is { } f && f.Bug.Kind == program.Expected, Explain.Report(report, settings));
        }
    }
}
