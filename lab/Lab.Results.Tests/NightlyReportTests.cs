using Lab.Results.Nightly;

namespace Lab.Results.Tests;

public sealed class NightlyReportTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Ten runs of one build, then a run 30 % slower: what `lab bench` would have written over eleven nights.</summary>
    internal static void WriteHistory(string resultsDir, double lastLevel, int seed = 11)
    {
        var series = new SyntheticSeries(seed);
        var runs = series.Runs(10);
        runs.Add(series.Run(level: lastLevel));
        var quiet = new SyntheticSeries(seed + 1000).Runs(11);
        foreach (var (run, other) in runs.Zip(quiet))
        {
            var otherRun = other with { RunId = run.RunId, Utc = run.Utc, Commit = run.Commit };
            ResultsCsv.Write(Path.Combine(resultsDir, ResultsCsv.SamplesFileName(run.RunId)),
                SyntheticRows.Samples([run]).Concat(SyntheticRows.Samples([otherRun], "queue-throughput", "msgs/s", "spawn")));
            ResultsCsv.Write(Path.Combine(resultsDir, ResultsCsv.BenchFileName(run.RunId)),
                SyntheticRows.Bench([run]).Concat(SyntheticRows.Bench([otherRun], "queue-throughput", "msgs/s", "spawn")));
        }
    }

    [Fact]
    public void ReportWriter_InjectedRegression_TopSectionListsItAndLinksToItsTrend()
    {
        WriteHistory(_dir.File("results"), lastLevel: 130);

        var paths = ReportWriter.Render(_dir.File("results"), _dir.File("reports"));

        var html = File.ReadAllText(paths.Html);
        var changes = html[html.IndexOf("<section id=\"changes\"", StringComparison.Ordinal)..html.IndexOf("<section id=\"runs\"", StringComparison.Ordinal)];
        Assert.Contains("Regressions", changes);
        Assert.Contains("spin engine/in-process", changes);
        Assert.DoesNotContain("queue-throughput", changes);
        var anchor = System.Text.RegularExpressions.Regex.Match(changes, "href=\"#(series-[0-9a-f]{12})\"").Groups[1].Value;
        Assert.Contains($"<figure id=\"{anchor}\" class=\"trend\"", html);
        Assert.True(html.IndexOf("id=\"changes\"", StringComparison.Ordinal) < html.IndexOf("id=\"runs\"", StringComparison.Ordinal), "the changes come first");
        var md = File.ReadAllText(paths.Markdown);
        Assert.Contains($"| regression | [spin engine/in-process (n=20, warmup=3)](index.html#{anchor}) |", md);
        Assert.True(md.IndexOf("## What changed", StringComparison.Ordinal) < md.IndexOf("## Runs", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportWriter_SameBuild_SaysNothingChanged()
    {
        WriteHistory(_dir.File("results"), lastLevel: 100);

        var paths = ReportWriter.Render(_dir.File("results"), _dir.File("reports"));

        Assert.Contains("<p class=\"nothing\">Nothing changed.</p>", File.ReadAllText(paths.Html));
        Assert.Contains("**Nothing changed.**", File.ReadAllText(paths.Markdown));
    }

    [Fact]
    public void ReportWriter_FlaggedPoint_CarriesRunCommitAndVerdictToTheChart()
    {
        WriteHistory(_dir.File("results"), lastLevel: 130);

        var html = File.ReadAllText(ReportWriter.Render(_dir.File("results"), _dir.File("reports")).Html);

        Assert.Contains("\"run\":\"run-0011\"", html);
        Assert.Contains("\"commit\":\"c0011\"", html);
        Assert.Contains("\"verdict\":\"regression\"", html);
    }

    [Fact]
    public void Changes_FailureNewInTheLatestRun_ListedAndOldOneNot()
    {
        var earlier = Sample.Run with { RunId = "20261121T000000Z-000001", Utc = Sample.Utc.AddDays(-1) };
        var rows = new[]
        {
            Sample.Conformance("old/failure", outcome: Outcomes.Fail, run: earlier),
            Sample.Conformance("new/failure", run: earlier),
            Sample.Conformance("old/failure", outcome: Outcomes.Fail),
            Sample.Conformance("new/failure", outcome: Outcomes.Hang),
        };

        var changes = NightlyReportBuilder.Changes([], rows, ComparePolicy.Default);

        Assert.Equal("new/failure", Assert.Single(changes.NewFailures).Scenario);
        Assert.Equal(earlier.RunId, changes.PreviousConformanceRunId);
        var html = HtmlReport.Render(ReportBuilder.Build(rows, []) with { Changes = changes });
        Assert.Contains($"href=\"#{ReportAnchors.Failure(changes.NewFailures[0])}\"", html);
        Assert.Contains($"<tr id=\"{ReportAnchors.Failure(changes.NewFailures[0])}\">", html);
    }

    [Fact]
    public void Changes_DivergenceNewInTheLatestRun_Listed()
    {
        var earlier = Sample.Run with { RunId = "20261121T000000Z-000001", Utc = Sample.Utc.AddDays(-1) };
        var rows = new[]
        {
            Sample.Conformance("exit-codes/sigkill", subject: "engine", observed: "-9", run: earlier),
            Sample.Conformance("exit-codes/sigkill", subject: "cpython", observed: "-9", run: earlier),
            Sample.Conformance("exit-codes/sigkill", subject: "engine", observed: "-9"),
            Sample.Conformance("exit-codes/sigkill", subject: "cpython", observed: "137"),
        };

        var changes = NightlyReportBuilder.Changes([], rows, ComparePolicy.Default);

        Assert.Equal("exit-codes/sigkill", Assert.Single(changes.NewDivergences).Scenario);
        Assert.False(changes.NothingChanged);
    }

    [Fact]
    public void ResultsCsv_SamplesCompareAndCalibrationRows_RoundTrip()
    {
        var runs = new SyntheticSeries(12).Runs(4);
        var samples = SyntheticRows.Samples(runs).Select(r => r with { Image = "bookworm" }).ToList();
        ResultsCsv.Write(_dir.File("samples-x.csv"), samples);
        Assert.Equal(samples, ResultsCsv.ReadSamples(_dir.File("samples-x.csv")));

        var analysis = NightlyAnalysis.Analyze(samples).Single();
        var compare = CompareRow.From(Sample.Run, analysis, "the previous 10 runs");
        ResultsCsv.Write(_dir.File("compare-x.csv"), [compare]);
        Assert.Equal(compare, Assert.Single(ResultsCsv.ReadCompare(_dir.File("compare-x.csv"))));
        Assert.Equal(CompareVerdicts.NoChange, compare.Verdict);

        var calibration = new CalibrationRow
        {
            RunId = "r", Utc = Sample.Utc, Host = "h", Os = "o", Runtime = "rt", Check = Calibration.FalseAlarms, Benchmarks = "spin,memcpy-baseline",
            Trials = 100, Flagged = 1, Rate = 0.01, Goal = 0.01, GoalKind = "at-most", Met = true, Params = RowParams.Of(("window", 10)),
        };
        ResultsCsv.Write(_dir.File("calibration-x.csv"), [calibration]);
        Assert.Equal(calibration, Assert.Single(ResultsCsv.ReadAllCalibration(_dir.Path)));
    }

    [Fact]
    public void HistoryPruner_KeepTwo_KeepsTheNewestRunsOfEverySeriesIncludingARareOne()
    {
        var results = _dir.File("results");
        var runs = new SyntheticSeries(13).Runs(5);
        foreach (var (run, i) in runs.Select((r, i) => (r, i)))
        {
            // "rare" is measured in the first and third runs only.
            var rows = SyntheticRows.Samples([run]).ToList();
            if (i is 0 or 2) rows.AddRange(SyntheticRows.Samples([run], "rare"));
            ResultsCsv.Write(Path.Combine(results, ResultsCsv.SamplesFileName(run.RunId)), rows);
        }
        foreach (var day in new[] { 1, 2, 3 })
            ResultsCsv.Write(Path.Combine(results, $"conformance-{day}.csv"), [Sample.Conformance() with { Utc = Sample.Utc.AddDays(day) }]);

        var removed = HistoryPruner.Plan(results, keep: 2).Where(e => !e.Keep).Select(e => Path.GetFileName(e.Path)).ToList();

        Assert.Equal(["conformance-1.csv", ResultsCsv.SamplesFileName(runs[1].RunId)], removed.Order(StringComparer.Ordinal).ToList());
    }
}
