using System.Text;
using Lab.Results.Nightly;

namespace Lab.Results;

/// <summary>The nightly parts of <c>summary.md</c>: what changed since the last run, at the top, and the calibration of
/// the comparison. Links point into <c>index.html</c>, which has the charts.</summary>
internal static class MarkdownNightly
{
    public static void Changes(StringBuilder md, ChangesReport? changes)
    {
        md.Append("## What changed since the last run\n\n");
        if (changes is null)
        {
            md.Append("No history to compare yet.\n\n");
            return;
        }
        if (changes.BenchRunId is not null)
            md.Append("Benchmarks: run ").Append(MarkdownReport.Escape(changes.BenchRunId)).Append(" against ").Append(MarkdownReport.Escape(changes.BaselineDescription)).Append(".\n");
        if (changes.ConformanceRunId is not null)
            md.Append("Conformance: run ").Append(MarkdownReport.Escape(changes.ConformanceRunId))
                .Append(changes.PreviousConformanceRunId is { } previous ? $" against run {MarkdownReport.Escape(previous)}.\n" : " (the first: every failure is new).\n");
        md.Append('\n');
        if (changes.NothingChanged)
        {
            md.Append("**Nothing changed.**\n\n");
            return;
        }
        var series = changes.Regressions.Select(a => ("regression", a)).Concat(changes.Improvements.Select(a => ("improvement", a))).Concat(changes.Changed.Select(a => ("changed", a))).ToList();
        if (series.Count > 0)
        {
            // Built here rather than by MarkdownReport.Table, which escapes every cell: the series is a link into index.html.
            md.Append("| verdict | series | baseline median | latest median | change | p-value | threshold | commit |\n")
                .Append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
            foreach (var (verdict, a) in series)
            {
                var c = a.Comparison;
                var cells = new[]
                {
                    c.BaselineMedian is { } b ? $"{ReportFormat.Number(b)} {a.Key.Unit}" : "–",
                    $"{ReportFormat.Number(c.LatestMedian)} {a.Key.Unit}",
                    c.Change is { } ch ? ReportFormat.Signed(ch) : "–",
                    c.PValue is { } p ? ReportFormat.PValue(p) : "–",
                    ReportFormat.Percent(c.Threshold),
                    ReportFormat.ShortCommit(a.Latest.Commit),
                };
                md.Append("| ").Append(verdict).Append(" | [").Append(MarkdownReport.Escape(a.Key.Label)).Append("](index.html#").Append(a.Key.AnchorId).Append(") | ")
                    .Append(string.Join(" | ", cells.Select(MarkdownReport.Escape))).Append(" |\n");
            }
            md.Append('\n');
        }
        foreach (var a in changes.Steps)
            md.Append("- step ").Append(MarkdownReport.Escape(a.NewStep!.Verdict)).Append(": [").Append(MarkdownReport.Escape(a.Key.Label)).Append("](index.html#").Append(a.Key.AnchorId).Append(") ")
                .Append(MarkdownReport.Escape(ReportFormat.Signed(a.NewStep.Change))).Append(" since run ").Append(MarkdownReport.Escape(a.NewStep.RunId))
                .Append(a.NewStep.Commit.Length > 0 ? $" (commit {MarkdownReport.Escape(ReportFormat.ShortCommit(a.NewStep.Commit))})" : "").Append('\n');
        foreach (var r in changes.NewFailures)
            md.Append("- new failure: [").Append(MarkdownReport.Escape(r.Scenario)).Append("](index.html#").Append(ReportAnchors.Failure(r)).Append(')').Append(" on ").Append(MarkdownReport.Escape($"{r.Subject}/{r.StartMethod}")).Append(": ").Append(MarkdownReport.Escape(r.Outcome)).Append('\n');
        foreach (var d in changes.NewDivergences)
            md.Append("- new divergence: [").Append(MarkdownReport.Escape(d.Scenario)).Append("](index.html#").Append(ReportAnchors.Divergence(d.Scenario)).Append(')').Append(" differs on ").Append(MarkdownReport.Escape(string.Join(", ", d.StartMethods)))
                .Append(" (").Append(MarkdownReport.Escape(ReportFormat.Verdict(d.Verdict))).Append(")\n");
        md.Append('\n');
    }

    public static void Calibration(StringBuilder md, NightlyReport? nightly)
    {
        if (nightly is null) return;
        md.Append("## Nightly comparison\n\nEach run of a series against the ").Append(nightly.Policy.Window)
            .Append(" runs before it; flagged when Mann–Whitney U gives p < ").Append(nightly.Policy.Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(" and the medians differ by more than ").Append(ReportFormat.Percent(nightly.Policy.Threshold)).Append(" or leave the ")
            .Append(ReportFormat.Percent(nightly.Policy.NoiseCoverage)).Append(" prediction interval of the previous runs' medians (the series' run-to-run noise). Trends are in index.html.\n\n");
        if (nightly.Calibration.Count == 0)
        {
            md.Append("Calibration: not measured on these results (run `lab bench --calibrate`).\n\n");
            return;
        }
        var first = nightly.Calibration[0];
        md.Append("Calibration (`lab bench --calibrate`, run ").Append(MarkdownReport.Escape(first.RunId)).Append(", ").Append(MarkdownReport.Escape(RowParams.Display(first.Params))).Append("):\n\n");
        MarkdownReport.Table(md, ["check", "benchmarks", "flagged", "of", "rate", "goal", "met"],
            nightly.Calibration.Select(r => new[]
            {
                r.Check, r.Benchmarks, ReportFormat.Int(r.Flagged), ReportFormat.Int(r.Trials), ReportFormat.Percent(r.Rate),
                (r.GoalKind == "at-most" ? "≤ " : "≥ ") + ReportFormat.Percent(r.Goal), r.Met ? "yes" : "no",
            }));
    }
}
