using System.CommandLine;
using System.Globalization;
using Lab.Results;
using Lab.Results.Nightly;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>`lab compare`: the latest run of every benchmark series against its baseline (issue #12 §2), a table, and
/// results/compare-RUN.csv. Exit 1 with --fail-on-regression when a series regressed (its latest run, or a recent step).</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var history = CommonOptions.History();
        var baselineRun = new Option<string?>("--baseline") { Description = "compare with this run id only, instead of each series' previous runs" };
        var baselineDir = new Option<string?>("--baseline-dir") { Description = "compare with the last runs of each series in this other history directory" };
        var window = new Option<int>("--window")
        {
            Description = "previous runs of a series that form its baseline (default 10)",
            DefaultValueFactory = _ => ComparePolicy.Default.Window,
        };
        var threshold = new Option<string>("--threshold")
        {
            Description = "smallest change ever flagged, e.g. 5% or 0.05 (the series' own run-to-run noise applies when larger)",
            DefaultValueFactory = _ => "5%",
        };
        var alpha = new Option<double>("--alpha")
        {
            Description = "significance level of the Mann–Whitney U test (default 0.01)",
            DefaultValueFactory = _ => ComparePolicy.Default.Alpha,
        };
        var failOnRegression = new Option<bool>("--fail-on-regression") { Description = "exit 1 when a series regressed" };
        var command = new Command("compare", "Compare the latest run of each benchmark series with its baseline: significant (Mann–Whitney U on the raw samples) and larger than a threshold; write results/compare-<run>.csv.")
        {
            history, baselineRun, baselineDir, window, threshold, alpha, failOnRegression,
        };
        command.SetAction(p => Execute(p.GetValue(history)!, p.GetValue(baselineRun), p.GetValue(baselineDir), p.GetValue(window),
            p.GetValue(threshold)!, p.GetValue(alpha), p.GetValue(failOnRegression)));
        return command;
    }

    private static int Execute(string historyDir, string? baselineRun, string? baselineDir, int window, string threshold, double alpha, bool failOnRegression)
    {
        if (baselineRun is not null && baselineDir is not null) throw new UsageError("--baseline and --baseline-dir exclude each other");
        ComparePolicy policy;
        try
        {
            policy = (ComparePolicy.Default with { Window = window, Threshold = ParseFraction(threshold), Alpha = alpha }).Validated();
        }
        catch (ArgumentException e)
        {
            throw new UsageError(e.Message);
        }
        var samples = Read(historyDir);
        if (samples.Count == 0)
            throw new UsageError($"no samples to compare: {Path.GetFullPath(historyDir)} has no {ResultsCsv.SamplesPattern} (run `lab bench` first; bench files written before samples were kept cannot be compared)");
        var baseline = Baseline.PreviousRuns;
        if (baselineRun is not null)
        {
            if (!samples.Any(s => s.RunId == baselineRun)) throw new UsageError($"no run '{baselineRun}' in {historyDir}");
            baseline = new Baseline { RunId = baselineRun };
        }
        else if (baselineDir is not null)
        {
            var other = Read(baselineDir);
            if (other.Count == 0) throw new UsageError($"no samples in the baseline directory {baselineDir}");
            baseline = new Baseline { Other = SeriesHistory.From(other).ToDictionary(h => h.Key) };
        }

        var analyses = NightlyAnalysis.Analyze(samples, policy, baseline);
        var run = RunInfo.Create();
        var description = baseline.Describe(policy);
        var path = Path.Combine(historyDir, ResultsCsv.CompareFileName(run.RunId));
        ResultsCsv.Write(path, analyses.Select(a => CompareRow.From(run, a, description)));
        Print(analyses, policy, description);
        Console.WriteLine($"results: {path}");
        var regressions = analyses.Count(a => a.IsRegression);
        return failOnRegression && regressions > 0 ? 1 : 0;
    }

    private static IReadOnlyList<SampleRow> Read(string dir)
    {
        try
        {
            return ResultsCsv.ReadAllSamples(dir);
        }
        catch (InvalidDataException e)
        {
            throw new UsageError(e.Message);
        }
    }

    private static void Print(IReadOnlyList<SeriesAnalysis> analyses, ComparePolicy policy, string baseline)
    {
        Console.WriteLine($"lab compare: latest run of {analyses.Count} series against {baseline}; flagged when p < {policy.Alpha.ToString(CultureInfo.InvariantCulture)} " +
                          $"and |change| > max({Pct(policy.Threshold)}, the {Pct(policy.NoiseCoverage)} prediction interval of the previous runs' medians)");
        var table = new Table().AddColumns("series", "latest run", "baseline median", "latest median", "change", "p-value", "threshold", "verdict", "step");
        foreach (var a in analyses.OrderBy(a => a.IsFlagged ? 0 : 1))
        {
            var c = a.Comparison;
            table.AddRow(Markup.Escape(a.Key.Label), Markup.Escape(a.Latest.RunId),
                c.BaselineMedian is { } b ? $"{Figure(b)} {Markup.Escape(a.Key.Unit)}" : "–", $"{Figure(c.LatestMedian)} {Markup.Escape(a.Key.Unit)}",
                c.Change is { } ch ? Signed(ch) : "–", c.PValue is { } p ? p.ToString("0.####", CultureInfo.InvariantCulture) : "–",
                Pct(c.Threshold), Colour(c.Verdict),
                a.Step is { } s ? Markup.Escape($"{Signed(s.Change)} since {s.RunId}") : "");
        }
        AnsiConsole.Write(table);
        foreach (var a in analyses.Where(a => a.IsFlagged))
        {
            var what = a.Comparison.IsFlagged
                ? $"{a.Comparison.Verdict}: {a.Key.Label}: {Signed(a.Comparison.Change ?? 0)} in run {a.Latest.RunId}{Commit(a.Latest.Commit)}"
                : $"step {a.NewStep!.Verdict}: {a.Key.Label}: {Signed(a.NewStep.Change)} since run {a.NewStep.RunId}{Commit(a.NewStep.Commit)}";
            Console.WriteLine(what);
        }
        var flagged = analyses.Count(a => a.IsFlagged);
        Console.WriteLine(flagged == 0 ? "nothing changed" : $"{flagged} of {analyses.Count} series changed; {analyses.Count(a => a.IsRegression)} regressed");
    }

    private static string Commit(string commit) => commit.Length > 0 ? $" (commit {commit[..Math.Min(12, commit.Length)]})" : "";

    private static string Colour(string verdict) => verdict switch
    {
        CompareVerdicts.Regression => "[red]regression[/]",
        CompareVerdicts.Improvement => "[green]improvement[/]",
        CompareVerdicts.Changed => "[yellow]changed[/]",
        _ => Markup.Escape(verdict),
    };

    /// <summary>"5%" or "0.05" (a fraction).</summary>
    internal static double ParseFraction(string text)
    {
        var t = text.Trim();
        var percent = t.EndsWith('%');
        if (!double.TryParse(percent ? t[..^1] : t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
            throw new ArgumentException($"'{text}' is not a threshold: write 5% or 0.05");
        return percent ? value / 100 : value;
    }

    private static string Pct(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Signed(double fraction) => (fraction >= 0 ? "+" : "") + (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Figure(double value) => Math.Abs(value) >= 100 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
}
