using System.Text;
using static System.Net.WebUtility;

namespace Lab.Results;

/// <summary>The cross-OS section of <c>index.html</c> (issue #11 §5).</summary>
public static partial class HtmlReport
{
    private static void CrossOs(StringBuilder html, CrossOsReport? report)
    {
        html.Append("<section id=\"cross-os\"><h2>Cross-OS matrix</h2>\n");
        if (report is null)
        {
            html.Append("<p class=\"none\">No matrix run (run <code>lab matrix</code> or <code>./run-all.sh matrix</code>).</p></section>\n");
            return;
        }
        html.Append("<p class=\"note\">Matrix run <span class=\"mono\">").Append(HtmlEncode(report.RunId)).Append("</span> (latest ")
            .Append(HtmlEncode(ReportFormat.Utc(report.Utc))).Append("): the same <code>lab run</code> and <code>lab bench</code> in one container per OS image.</p>\n");

        html.Append("<h3>Images</h3>\n<table><thead><tr><th>image</th><th>os (inside)</th><th>subjects</th><th>outcomes</th></tr></thead><tbody>\n");
        foreach (var image in report.Images)
        {
            html.Append("<tr>").Append(Td(image.Image, "mono")).Append(Td(image.Os))
                .Append(Td(string.Join(", ", image.Subjects.Select(s => $"{s.Subject} {s.Version}"))))
                .Append("<td>").Append(string.Join(" ", image.Counts.Select(c => $"{Badge(c.Outcome)} {c.Count}"))).Append("</td></tr>\n");
        }
        html.Append("</tbody></table>\n");

        html.Append("<h3>Cells</h3>\n<table><thead><tr><th>image</th><th>subjects</th><th>engine</th><th>outcome</th><th class=\"num\">seconds</th><th>run exit</th><th>bench exit</th><th>detail</th></tr></thead><tbody>\n");
        foreach (var c in report.Cells)
        {
            html.Append("<tr>").Append(Td(c.Image, "mono")).Append(Td(c.Subjects)).Append(Td(c.Engine, "mono"))
                .Append("<td>").Append(CellBadge(c.Outcome)).Append("</td>")
                .Append(Td(ReportFormat.Number(c.DurationS), "num")).Append(Td(c.RunExit)).Append(Td(c.BenchExit)).Append(Td(c.Detail, "pre")).Append("</tr>\n");
        }
        html.Append("</tbody></table>\n");

        html.Append("<h3 id=\"cross-image-divergences\">Cross-image divergences</h3>\n<p class=\"note\">The same subject and start method observing different things on different images (same case and seed). <strong>intended</strong>: the scenario declares the change between versions; <strong>defect</strong>: unexplained, and <code>lab matrix</code> fails.</p>\n");
        if (report.Divergences.Count == 0)
            html.Append("<p class=\"none\">No cross-image divergences.</p>\n");
        foreach (var d in report.Divergences)
        {
            html.Append("<div class=\"divergence\"><h3><span class=\"mono\">").Append(HtmlEncode(d.Scenario)).Append("</span> <small>")
                .Append(HtmlEncode(d.Subject)).Append(" / ").Append(HtmlEncode(d.StartMethod));
            if (d.Params.Length > 0) html.Append(" · ").Append(HtmlEncode(RowParams.Display(d.Params)));
            if (d.Seed is { Length: > 0 }) html.Append(" · seed ").Append(HtmlEncode(d.Seed));
            html.Append(" · verdict: <span class=\"verdict v-").Append(d.Verdict == Verdicts.Intended ? "intended" : "defect").Append("\">")
                .Append(HtmlEncode(ReportFormat.Verdict(d.Verdict))).Append("</span></small></h3>\n<p>Rule: ").Append(HtmlEncode(d.Rule)).Append("</p>\n");
            if (d.Reason.Length > 0) html.Append("<p class=\"note\">Why: ").Append(HtmlEncode(d.Reason)).Append("</p>\n");
            html.Append("<table><thead><tr><th>image</th><th>version</th><th>observed</th><th>outcome</th></tr></thead><tbody>\n");
            foreach (var o in d.Observations)
                html.Append("<tr>").Append(Td(o.Image, "mono")).Append(Td(o.SubjectVersion)).Append(Td(o.Observed, "pre")).Append("<td>").Append(Badge(o.Outcome)).Append("</td></tr>\n");
            html.Append("</tbody></table></div>\n");
        }

        html.Append("<h3>Scenarios by image</h3>\n<table class=\"matrix\"><thead><tr><th>scenario</th>");
        foreach (var c in report.Matrix.Columns)
            html.Append("<th>").Append(HtmlEncode(c.Subject)).Append("<br><small>").Append(HtmlEncode(c.StartMethod)).Append("<br>").Append(HtmlEncode(c.Image)).Append("</small></th>");
        html.Append("</tr></thead><tbody>\n");
        foreach (var row in report.Matrix.Rows)
        {
            html.Append("<tr>").Append(Td(row.Scenario, "mono"));
            foreach (var cell in row.Cells)
                html.Append(cell is null ? "<td class=\"empty\">–</td>" : $"<td class=\"cell {OutcomeClass(cell.Worst)}\">{HtmlEncode(ReportFormat.Cell(cell))}</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table>\n");

        html.Append("<h3>Benchmarks by image</h3>\n<p class=\"note\">Median, and in brackets its ratio to CPython / spawn <em>in the same image</em>.</p>\n");
        if (report.Bench.Count == 0)
            html.Append("<p class=\"none\">No benchmark rows in this matrix run.</p>\n");
        foreach (var g in report.Bench)
        {
            html.Append("<h3><span class=\"mono\">").Append(HtmlEncode(g.Benchmark)).Append("</span>");
            if (g.Params.Length > 0) html.Append(" <small class=\"mono\">").Append(HtmlEncode(RowParams.Display(g.Params))).Append("</small>");
            html.Append(" <small>").Append(HtmlEncode(g.Unit)).Append("</small></h3>\n<table><thead><tr><th>subject</th><th>method</th>");
            foreach (var image in g.Images) html.Append("<th class=\"num\">").Append(HtmlEncode(image)).Append("</th>");
            html.Append("</tr></thead><tbody>\n");
            foreach (var l in g.Lines)
            {
                html.Append("<tr>").Append(Td(l.Subject)).Append(Td(l.StartMethod));
                foreach (var f in l.Figures)
                    html.Append(Td(f is null ? "–" : $"{ReportFormat.Number(f.Median)} ({ReportFormat.Ratio(f.RatioToReference)})", "num"));
                html.Append("</tr>\n");
            }
            html.Append("</tbody></table>\n");
        }
        html.Append("</section>\n");
    }

    // A cell's outcome is row data: only the three known values choose a class.
    private static string CellBadge(string outcome) =>
        $"<span class=\"o {(outcome == CellRow.Done ? "o-pass" : outcome == CellRow.Hang ? "o-hang" : "o-error")}\">{HtmlEncode(outcome)}</span>";
}
