using Xunit;

namespace Lab.Results.Tests;

public class SystematicComparisonTests
{
    private static BenchRow Search(string subject, string strategy, string program, string iterations, string kinds = "assertion", int budget = 100, RunInfo? run = null) =>
        Sample.Bench(SystematicComparisonBuilder.SeedsFindingBug, subject, strategy, iterations.Split('/').Count(i => i != "-"),
            $"mode=in-process;program={program};budget={budget};seeds=1/2/3;iterations={iterations};kinds={(iterations.Split('/').All(i => i == "-") ? "" : kinds)};max-steps=1000", run);

    private static BenchRow Speed(string subject, string strategy, string program, double median) =>
        Sample.Bench(SystematicComparisonBuilder.SchedulesPerSecond, subject, strategy, median, $"mode=in-process;program={program}.fixed;seeds=1/2/3;budget=100");

    private static List<BenchRow> TwoPrograms() =>
    [
        // unlocked-counter: both find it; Coyote's best is prioritization (median 4).
        Search("systematic", "portfolio", "unlocked-counter", "2/3/5"),
        Search("systematic", "portfolio", "unlocked-counter.fixed", "-/-/-"),
        Speed("systematic", "portfolio", "unlocked-counter", 40_000),
        Search("coyote", "random", "unlocked-counter", "6/-/-"),
        Search("coyote", "random", "unlocked-counter.fixed", "-/-/-"),
        Speed("coyote", "random", "unlocked-counter", 1_000),
        Search("coyote", "prioritization", "unlocked-counter", "4/4/9"),
        Search("coyote", "prioritization", "unlocked-counter.fixed", "-/-/-"),
        Speed("coyote", "prioritization", "unlocked-counter", 1_600),
        // peterson: only ours finds it; Coyote's random finds a bug in the twin.
        Search("systematic", "portfolio", "peterson", "300/-/200"),
        Search("systematic", "portfolio", "peterson.fixed", "-/-/-"),
        Speed("systematic", "portfolio", "peterson", 10_000),
        Search("coyote", "random", "peterson", "-/-/-"),
        Search("coyote", "random", "peterson.fixed", "-/40/-", kinds: "deadlock"),
        Speed("coyote", "random", "peterson", 800),
        Search("coyote", "prioritization", "peterson", "-/-/-"),
        Search("coyote", "prioritization", "peterson.fixed", "-/-/-"),
    ];

    [Fact]
    public void CensoredMedian_SeedsWithoutBug_CountAsInfinite()
    {
        Assert.Equal(5, SystematicComparisonBuilder.CensoredMedian([5, null, 3]));
        Assert.Equal(4, SystematicComparisonBuilder.CensoredMedian([5, 3]));
        Assert.Null(SystematicComparisonBuilder.CensoredMedian([5, null]));
        Assert.Null(SystematicComparisonBuilder.CensoredMedian([]));
    }

    [Fact]
    public void Build_BothTesters_RatiosAgainstCoyotesBest()
    {
        var comparison = SystematicComparisonBuilder.Build(TwoPrograms())!;

        Assert.Equal(["ours portfolio", "coyote random", "coyote prioritization"], comparison.Columns.Select(c => c.ToString()));
        var counter = comparison.Rows.Single(r => r.Program == "unlocked-counter");
        Assert.Equal("prioritization", counter.CoyoteBestIterationsStrategy);
        Assert.Equal(4, counter.CoyoteBestIterations);
        var portfolio = counter.Cells[0]!;
        Assert.Equal(3, portfolio.MedianIterations);
        Assert.Equal(0.75, portfolio.IterationsRatio);
        Assert.Equal(25, portfolio.SpeedRatio);
        Assert.Null(counter.Cells[1]!.MedianIterations); // random found it in 1 seed of 3
        Assert.Null(counter.Cells[1]!.IterationsRatio); // Coyote's own cells carry no ratio
    }

    [Fact]
    public void Build_TestersDisagree_ListsEachDifferenceAsAFinding()
    {
        var comparison = SystematicComparisonBuilder.Build(TwoPrograms())!;

        Assert.Equal(2, comparison.Findings.Count);
        var only = Assert.Single(comparison.Findings, f => f.Kind == DifferentialFinding.OnlyOurs);
        Assert.Equal("peterson", only.Program);
        var twin = Assert.Single(comparison.Findings, f => f.Kind == DifferentialFinding.TwinBug);
        Assert.Equal("peterson.fixed", twin.Program);
        Assert.Contains("coyote random", twin.Detail);
        Assert.Contains("deadlock", twin.Detail);
    }

    [Fact]
    public void Build_SameAlgorithmDisagrees_ListsTheStrategyFinding()
    {
        // Both testers find peterson, but only Coyote's random, not ours; PCT and prioritization agree (neither).
        var rows = new List<BenchRow>
        {
            Search("systematic", "random", "peterson", "-/-/-"),
            Search("systematic", "pct", "peterson", "-/-/-"),
            Search("systematic", "dfs", "peterson", "99"),
            Search("coyote", "random", "peterson", "38/12/-"),
            Search("coyote", "prioritization", "peterson", "-/-/-"),
        };

        var finding = Assert.Single(SystematicComparisonBuilder.Build(rows)!.Findings);

        Assert.Equal(DifferentialFinding.OnlyCoyoteStrategy, finding.Kind);
        Assert.StartsWith("Coyote random found it (2/3 seeds within 100); ours random", finding.Detail);
    }

    [Fact]
    public void Build_Goals_CheckedPerProgramFromTheFigures()
    {
        var comparison = SystematicComparisonBuilder.Build(TwoPrograms())!;

        var counter = comparison.Goals.Where(g => g.Program == "unlocked-counter").ToList();
        Assert.All(counter, g => Assert.True(g.Met, g.Detail)); // 25× ≥ 20×; 3 ≤ 4
        var peterson = comparison.Goals.Where(g => g.Program == "peterson").ToList();
        Assert.False(peterson.Single(g => g.Goal.StartsWith("schedules/s", StringComparison.Ordinal)).Met); // 10,000 / 800 = 12.5×
        Assert.True(peterson.Single(g => g.Goal.StartsWith("portfolio", StringComparison.Ordinal)).Met); // Coyote never found it
    }

    [Fact]
    public void Build_SeveralRuns_ShowsTheLatestCorpusRun()
    {
        var earlier = Sample.Run with { RunId = "20261121T014610Z-000001", Utc = Sample.Utc.AddDays(-1) };
        var rows = TwoPrograms().Append(Search("coyote", "dfs", "unlocked-counter", "7/7/7", run: earlier)).ToList();

        var comparison = SystematicComparisonBuilder.Build(rows)!;

        Assert.Equal(Sample.Run.RunId, comparison.RunId);
        Assert.DoesNotContain(comparison.Columns, c => c.Strategy == "dfs");
        Assert.Null(SystematicComparisonBuilder.Build([Sample.Bench("systematic-throughput", "systematic", "random")]));
    }

    [Fact]
    public void Reports_Comparison_RenderedInHtmlAndMarkdownWithFindings()
    {
        var model = ReportBuilder.Build([], []) with { Systematic = ReportBuilder.BuildSystematic(TwoPrograms()) };

        var html = HtmlReport.Render(model);
        Assert.Contains("The corpus under both testers", html);
        Assert.Contains("3 (3/3) 0.75", html);
        Assert.Contains("40000/s 25.00", html);
        Assert.Contains("found by ours only", html);
        Assert.DoesNotContain("<span class=\"mono\">systematic-seeds-finding-bug</span>", html); // not repeated as generic groups
        var md = MarkdownReport.Render(model);
        Assert.Contains("| program | ours portfolio | coyote random | coyote prioritization |", md);
        Assert.Contains("bug in a corrected twin", md);
        Assert.Contains("NOT met", md);
    }
}
