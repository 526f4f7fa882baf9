using System.Globalization;
using System.Text;
using Lab.Results.Nightly;
using static System.Net.WebUtility;

namespace Lab.Results;

/// <summary>The nightly parts of <c>index.html</c>: what changed since the last run (the top of the page) and the nightly
/// section (the calibration of the comparison, a trend per series).</summary>
internal static class HtmlNightly
{
    public static void Changes(StringBuilder html, ChangesReport? changes)
    {
        html.Append("<section id=\"changes\" class=\"changes\"><h2>What changed since the last run</h2>\n");
        if (changes is null)
        {
            html.Append("<p class=\"none\">No history to compare yet.</p></section>\n");
            return;
        }
        html.Append("<p class=\"note\">");
        if (changes.BenchRunId is not null)
            html.Append("Benchmarks: run <span class=\"mono\">").Append(HtmlEncode(changes.BenchRunId)).Append("</span> against ").Append(HtmlEncode(changes.BaselineDescription)).Append(". ");
        if (changes.ConformanceRunId is not null)
        {
            html.Append("Conformance: run <span class=\"mono\">").Append(HtmlEncode(changes.ConformanceRunId)).Append("</span>");
            html.Append(changes.PreviousConformanceRunId is { } previous ? $" against run <span class=\"mono\">{HtmlEncode(previous)}</span>." : " (the first: every failure is new).");
        }
        html.Append("</p>\n");
        if (changes.NothingChanged)
        {
            html.Append("<p class=\"nothing\">Nothing changed.</p></section>\n");
            return;
        }
        Series(html, "Regressions", "regression", changes.Regressions);
        Series(html, "Improvements", "improvement", changes.Improvements);
        Series(html, "Changed (a unit with no better direction)", "changed", changes.Changed);
        if (changes.Steps.Count > 0)
        {
            html.Append("<h3>Steps (a lasting change that began in a recent run)</h3>\n<ul>\n");
            foreach (var a in changes.Steps)
            {
                var s = a.NewStep!;
                html.Append("<li class=\"v-").Append(s.Verdict == CompareVerdicts.Regression ? "regression" : s.Verdict == CompareVerdicts.Improvement ? "improvement" : "changed")
                    .Append("\"><a href=\"#").Append(a.Key.AnchorId).Append("\" class=\"mono\">").Append(HtmlEncode(a.Key.Label)).Append("</a>: ")
                    .Append(HtmlEncode(s.Verdict)).Append(", ").Append(HtmlEncode(ReportFormat.Signed(s.Change))).Append(" since run <span class=\"mono\">").Append(HtmlEncode(s.RunId))
                    .Append("</span>").Append(Commit(s.Commit)).Append(" (").Append(s.RunsSince).Append(" runs)</li>\n");
            }
            html.Append("</ul>\n");
        }
        if (changes.NewFailures.Count > 0)
        {
            html.Append("<h3>New conformance failures</h3>\n<ul>\n");
            foreach (var r in changes.NewFailures)
                html.Append("<li><a href=\"#").Append(ReportAnchors.Failure(r)).Append("\" class=\"mono\">").Append(HtmlEncode(r.Scenario)).Append("</a> on ")
                    .Append(HtmlEncode(r.Subject)).Append('/').Append(HtmlEncode(r.StartMethod)).Append(": ").Append(HtmlEncode(r.Outcome)).Append("</li>\n");
            html.Append("</ul>\n");
        }
        if (changes.NewDivergences.Count > 0)
        {
            html.Append("<h3>New divergences</h3>\n<ul>\n");
            foreach (var d in changes.NewDivergences)
                html.Append("<li><a href=\"#").Append(ReportAnchors.Divergence(d.Scenario)).Append("\" class=\"mono\">").Append(HtmlEncode(d.Scenario)).Append("</a> differs on ")
                    .Append(HtmlEncode(string.Join(", ", d.StartMethods))).Append(" (").Append(HtmlEncode(ReportFormat.Verdict(d.Verdict))).Append(")</li>\n");
            html.Append("</ul>\n");
        }
        html.Append("</section>\n");
    }

    private static void Series(StringBuilder html, string title, string css, IReadOnlyList<SeriesAnalysis> list)
    {
        if (list.Count == 0) return;
        html.Append("<h3>").Append(title).Append("</h3>\n<table class=\"v-").Append(css).Append("\"><thead><tr><th>series</th><th class=\"num\">baseline median</th><th class=\"num\">latest median</th><th class=\"num\">change</th><th class=\"num\">p-value</th><th class=\"num\">threshold</th><th>commit</th></tr></thead><tbody>\n");
        foreach (var a in list)
        {
            var c = a.Comparison;
            html.Append("<tr><td><a href=\"#").Append(a.Key.AnchorId).Append("\" class=\"mono\">").Append(HtmlEncode(a.Key.Label)).Append("</a></td>")
                .Append("<td class=\"num\">").Append(c.BaselineMedian is { } b ? HtmlEncode($"{ReportFormat.Number(b)} {a.Key.Unit}") : "–").Append("</td>")
                .Append("<td class=\"num\">").Append(HtmlEncode($"{ReportFormat.Number(c.LatestMedian)} {a.Key.Unit}")).Append("</td>")
                .Append("<td class=\"num\">").Append(c.Change is { } ch ? HtmlEncode(ReportFormat.Signed(ch)) : "–").Append("</td>")
                .Append("<td class=\"num\">").Append(c.PValue is { } p ? ReportFormat.PValue(p) : "–").Append("</td>")
                .Append("<td class=\"num\">").Append(HtmlEncode(ReportFormat.Signed(c.Threshold).TrimStart('+'))).Append("</td>")
                .Append("<td class=\"mono\">").Append(HtmlEncode(ReportFormat.ShortCommit(a.Latest.Commit))).Append("</td></tr>\n");
        }
        html.Append("</tbody></table>\n");
    }

    public static void Section(StringBuilder html, NightlyReport? nightly)
    {
        html.Append("<section id=\"nightly\"><h2>Nightly trends</h2>\n");
        if (nightly is null)
        {
            html.Append("<p class=\"none\">No benchmark history.</p></section>\n");
            return;
        }
        var p = nightly.Policy;
        html.Append("<p class=\"note\">Each run of a series against the ").Append(p.Window).Append(" runs before it: flagged when the Mann–Whitney U test on the raw samples gives p &lt; ")
            .Append(p.Alpha.ToString(CultureInfo.InvariantCulture)).Append(" and the medians differ by more than ").Append(ReportFormat.Percent(p.Threshold))
            .Append(" and leave the ").Append(ReportFormat.Percent(p.NoiseCoverage)).Append(" prediction interval of the previous runs' medians (the series' run-to-run noise). Large red points: regressions; green: improvements; dashed line: the start of a step (ED-PELT change point). Hover a point for its run, commit, median and p05–p95. The last ")
            .Append(p.HistoryRuns).Append(" runs of each series; sweep points only when flagged.</p>\n");
        Calibration(html, nightly.Calibration);
        if (nightly.Trends.Count == 0)
            html.Append("<p class=\"none\">No series with two runs yet.</p>\n");
        else
            HtmlCharts.Trends(html, nightly.Trends);
        html.Append("</section>\n");
    }

    private static void Calibration(StringBuilder html, IReadOnlyList<CalibrationRow> rows)
    {
        html.Append("<h3 id=\"calibration\">Calibration of the comparison</h3>\n");
        if (rows.Count == 0)
        {
            html.Append("<p class=\"none\">Not measured on these results (run <code>lab bench --calibrate</code>).</p>\n");
            return;
        }
        var first = rows[0];
        html.Append("<p class=\"note\">Measured by <code>lab bench --calibrate</code> on ").Append(HtmlEncode(first.Host)).Append(", ").Append(HtmlEncode(ReportFormat.Utc(first.Utc)))
            .Append(" (run <span class=\"mono\">").Append(HtmlEncode(first.RunId)).Append("</span>, <span class=\"mono\">").Append(HtmlEncode(RowParams.Display(first.Params))).Append("</span>): ")
            .Append("false alarms of A/A comparisons of one build, and how often spin made 10 % and 25 % slower is found.</p>\n")
            .Append("<table><thead><tr><th>check</th><th>benchmarks</th><th class=\"num\">flagged</th><th class=\"num\">of</th><th class=\"num\">rate</th><th class=\"num\">goal</th><th>met</th></tr></thead><tbody>\n");
        foreach (var r in rows)
            html.Append("<tr><td>").Append(HtmlEncode(r.Check)).Append("</td><td class=\"mono\">").Append(HtmlEncode(r.Benchmarks)).Append("</td><td class=\"num\">").Append(r.Flagged)
                .Append("</td><td class=\"num\">").Append(r.Trials).Append("</td><td class=\"num\">").Append(ReportFormat.Percent(r.Rate)).Append("</td><td class=\"num\">")
                .Append(r.GoalKind == "at-most" ? "≤ " : "≥ ").Append(ReportFormat.Percent(r.Goal)).Append("</td><td>").Append(r.Met ? "yes" : "<strong>no</strong>").Append("</td></tr>\n");
        html.Append("</tbody></table>\n");
    }

    private static string Commit(string commit) => commit.Length == 0 ? "" : $", commit <span class=\"mono\">{HtmlEncode(ReportFormat.ShortCommit(commit))}</span>";
}
