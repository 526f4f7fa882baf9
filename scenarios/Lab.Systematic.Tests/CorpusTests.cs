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

    public static TheoryData<string> ClassicNames => new(BugCorpus.Classic.Select(p => p.Name));

    public static TheoryData<string> DeepNames => new(BugCorpus.Deep.Select(p => p.Name));

    /// <summary>Twins whose exhaustive DFS(pb=2) takes a few seconds at most; bounded-buffer-full's takes 60,753
    /// schedules (about 30 s, no bug) and is left to `lab run`'s full runs (systematic.corpus-twin-clean).</summary>
    public static TheoryData<string> ExhaustibleTwinNames => new(BugCorpus.All.Where(p => p.Name != "bounded-buffer-full").Select(p => p.Name));

    /// <summary>The suite runs each twin through at most this many portfolio iterations (bounded-buffer-full's budget is
    /// 42,000); `lab explore corpus` and `lab run` run the whole budget.</summary>
    private const int TwinIterationsInSuite = 5000;

    private static CorpusProgram Program(string name) => BugCorpus.All.Single(p => p.Name == name);

    [Fact]
    public void Corpus_Programs_AreAtLeastEightWithDistinctNamesAndTwins()
    {
        Assert.True(BugCorpus.Classic.Count >= 8 && BugCorpus.Deep.Count >= 4);
        Assert.All(BugCorpus.Deep, p => Assert.NotNull(p.Depth));
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
        var settings = new ExplorationSettings { Seed = Explain.Seed, Iterations = Math.Min(program.Budget, TwinIterationsInSuite) };
        var report = Explorer.Explore(program.Fixed, settings);
        Assert.True(report.Failure is null, Explain.Report(report, settings));
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal(settings.Iterations, report.Iterations);
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
    [MemberData(nameof(ExhaustibleTwinNames))]
    public void Dfs_FixedTwin_HasNoBugWithinPreemptionBoundTwo(string name)
    {
        var settings = new ExplorationSettings { Strategy = "dfs", PreemptionBound = 2, Iterations = 100_000 };
        var report = Explorer.Explore(Program(name).Fixed, settings);
        Assert.True(report.Failure is null && report.Exhausted, Explain.Report(report, settings));
    }

    [Theory]
    [MemberData(nameof(ClassicNames))]
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

    [Theory]
    [MemberData(nameof(DeepNames))]
    public void Pct_DeepProgram_NeedsExactlyItsStatedDepth(string name)
    {
        // The stated depth d, checked from both sides: PCT with d − 1 change points finds the bug; PCT with one change
        // point fewer does not, in 3,000 iterations (a bug of depth below d would be found there quickly: every
        // program's measured rate at its own depth is above 1 in 1,000).
        var program = Program(name);
        var depth = program.Depth!.Value;
        var deep = new ExplorationSettings { Strategy = "pct", PctDepth = depth, Seed = Explain.Seed, Iterations = 50_000, Shrink = false };
        var found = Explorer.Explore(program.Buggy, deep);
        Assert.True(found.Failure is { } f && f.Bug.Kind == program.Expected, Explain.Report(found, deep));

        var shallow = deep with { PctDepth = depth - 1, Iterations = 3000 };
        var missed = Explorer.Explore(program.Buggy, shallow);
        Assert.True(missed.Failure is null, $"PCT with d = {depth - 1} found a bug stated to be of depth {depth}\n{Explain.Report(missed, shallow)}");
    }
}
