using System.Text;
using static System.Net.WebUtility;

namespace Lab.Results;

/// <summary>
/// Renders <c>index.html</c>: one self-contained page (inline CSS and script, no external URL, and a
/// Content-Security-Policy that forbids loading anything) so it can be opened from a CI artifact or
/// a container's mounted directory. Charts (<see cref="HtmlCharts"/>) are the only script. Every value from a row is HTML-encoded: details carry arbitrary
/// subject output.
/// </summary>
public static partial class HtmlReport
{
    public const string FileName = "index.html";

    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Concurrency lab report</title>
            <style>
            """).Append(Css).Append("""
            </style>
            </head>
            <body>
            <h1>Concurrency lab report</h1>
            <nav><a href="#changes">Changes</a> · <a href="#runs">Runs</a> · <a href="#summary">Summary</a> · <a href="#failures">Failures</a> · <a href="#matrix">Matrix</a> · <a href="#divergences">Divergences</a> · <a href="#benchmarks">Benchmarks</a> · <a href="#charts">Sweeps</a> · <a href="#performance-model">Performance model</a> · <a href="#nightly">Nightly</a> · <a href="#systematic">Systematic</a> · <a href="#cross-os">Cross-OS</a></nav>

            """);
        HtmlNightly.Changes(html, model.Changes);
        Runs(html, model);
        if (model.Conformance is { } conformance)
        {
            Summary(html, conformance);
            Failures(html, conformance.Failures);
            Matrix(html, conformance.Matrix);
            Divergences(html, conformance.Divergences);
        }
        else
        {
            html.Append("<section id=\"summary\"><h2>Conformance</h2><p class=\"none\">No conformance rows.</p></section>\n");
        }
        Benchmarks(html, model.Bench);
        var sweeps = model.Bench?.Charts ?? [];
        HtmlCharts.Sweeps(html, sweeps);
        var performance = model.Bench?.PerformanceModel;
        HtmlPerformanceModel.Section(html, performance, firstChart: sweeps.Count);
        HtmlNightly.Section(html, model.Nightly);
        Systematic(html, model.Systematic);
        CrossOs(html, model.CrossOs);
        HtmlCharts.Scripts(html, [.. sweeps, .. performance?.Charts ?? []], model.Nightly?.Trends ?? []);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Runs(StringBuilder html, ReportModel model)
    {
        html.Append("<section id=\"runs\"><h2>Runs</h2>\n<table><thead><tr><th>section</th><th>run id</th><th>utc</th><th>host</th><th>os</th><th>runtime</th><th>subjects</th><th class=\"num\">rows</th></tr></thead><tbody>\n");
        RunRow(html, "conformance", model.Conformance?.Run);
        RunRow(html, "benchmarks", model.Bench?.Run);
        html.Append("</tbody></table>\n<p class=\"note\">Each section shows the latest run (by UTC) of its kind.</p></section>\n");
    }

    private static void RunRow(StringBuilder html, string section, RunHeader? run)
    {
        if (run is null)
        {
            html.Append("<tr><td>").Append(section).Append("</td><td colspan=\"7\" class=\"none\">no rows</td></tr>\n");
            return;
        }
        html.Append("<tr><td>").Append(section).Append("</td>")
            .Append(Td(run.RunId, "mono")).Append(Td(ReportFormat.Utc(run.Utc))).Append(Td(run.Host)).Append(Td(run.Os))
            .Append(Td(run.Runtime)).Append(Td(ReportFormat.Subjects(run))).Append(Td(ReportFormat.Int(run.RowCount), "num"))
            .Append("</tr>\n");
    }

    private static void Summary(StringBuilder html, ConformanceReport report)
    {
        var total = report.Counts.Sum(c => c.Count);
        html.Append("<section id=\"summary\"><h2>Conformance summary</h2>\n<div class=\"stack\">");
        foreach (var c in report.Counts)
            html.Append("<span class=\"").Append(OutcomeClass(c.Outcome)).Append("\" style=\"width:").Append(ReportFormat.Percent((double)c.Count / total)).Append("\"></span>");
        html.Append("</div>\n<table><thead><tr><th>outcome</th><th class=\"num\">rows</th></tr></thead><tbody>\n");
        foreach (var c in report.Counts)
            html.Append("<tr><td>").Append(Badge(c.Outcome)).Append("</td>").Append(Td(ReportFormat.Int(c.Count), "num")).Append("</tr>\n");
        html.Append("<tr><th>total</th>").Append(Td(ReportFormat.Int(total), "num")).Append("</tr>\n</tbody></table></section>\n");
    }

    private static void Failures(StringBuilder html, IReadOnlyList<ConformanceRow> failures)
    {
        html.Append("<section id=\"failures\"><h2>Failures</h2>\n");
        if (failures.Count == 0)
        {
            html.Append("<p class=\"none\">No failures.</p></section>\n");
            return;
        }
        html.Append("<table><thead><tr><th>scenario</th><th>subject</th><th>method</th><th>outcome</th><th>expected</th><th>observed</th><th>detail</th><th>seed</th></tr></thead><tbody>\n");
        foreach (var r in failures)
        {
            html.Append("<tr id=\"").Append(ReportAnchors.Failure(r)).Append("\">").Append(Td(r.Scenario, "mono")).Append(Td(r.Subject)).Append(Td(r.StartMethod))
                .Append("<td>").Append(Badge(r.Outcome)).Append("</td>")
                .Append(Td(r.Expected, "pre")).Append(Td(r.Observed, "pre")).Append(Td(r.Detail, "pre")).Append(Td(r.Seed ?? "", "mono"))
                .Append("</tr>\n");
        }
        html.Append("</tbody></table></section>\n");
    }

    private static void Matrix(StringBuilder html, ConformanceMatrix matrix)
    {
        html.Append("<section id=\"matrix\"><h2>Conformance matrix</h2>\n<table class=\"matrix\"><thead><tr><th>scenario</th><th>area</th>");
        foreach (var c in matrix.Columns)
            html.Append("<th>").Append(HtmlEncode(c.Subject)).Append("<br><small>").Append(HtmlEncode(c.StartMethod)).Append("</small></th>");
        html.Append("</tr></thead><tbody>\n");
        foreach (var row in matrix.Rows)
        {
            html.Append("<tr>").Append(Td(row.Scenario, "mono")).Append(Td(row.Area));
            foreach (var cell in row.Cells)
            {
                html.Append(cell is null
                    ? "<td class=\"empty\">–</td>"
                    : $"<td class=\"cell {OutcomeClass(cell.Worst)}\">{HtmlEncode(ReportFormat.Cell(cell))}</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table></section>\n");
    }

    private static void Divergences(StringBuilder html, IReadOnlyList<Divergence> divergences)
    {
        html.Append("<section id=\"divergences\"><h2>Divergences</h2>\n<p class=\"note\">Scenarios where subjects observed different things for the same start method and seed.</p>\n");
        if (divergences.Count == 0)
            html.Append("<p class=\"none\">No divergences between subjects.</p>\n");
        foreach (var d in divergences)
        {
            html.Append("<div class=\"divergence\" id=\"").Append(ReportAnchors.Divergence(d.Scenario)).Append("\"><h3><span class=\"mono\">").Append(HtmlEncode(d.Scenario)).Append("</span> <small>")
                .Append(HtmlEncode(d.Area)).Append(" · differs on ").Append(HtmlEncode(string.Join(", ", d.StartMethods)))
                .Append(" · verdict: <span class=\"verdict v-").Append(d.Verdict.Length == 0 ? "unreviewed" : d.Verdict == Verdicts.Defect ? "defect" : "intended").Append("\">")
                .Append(HtmlEncode(ReportFormat.Verdict(d.Verdict))).Append("</span></small></h3>\n");
            if (d.Reason.Length > 0)
                html.Append("<p class=\"note\">Why: ").Append(HtmlEncode(d.Reason)).Append("</p>\n");
            html.Append("<table><thead><tr><th>subject</th><th>method</th><th>seed</th><th>params</th><th>expected</th><th>observed</th><th>outcome</th><th>verdict</th></tr></thead><tbody>\n");
            foreach (var e in d.Entries)
            {
                html.Append("<tr>").Append(Td(e.Subject)).Append(Td(e.StartMethod)).Append(Td(e.Seed ?? "", "mono")).Append(Td(e.Params, "mono"))
                    .Append(Td(e.Expected, "pre")).Append(Td(e.Observed, "pre"))
                    .Append("<td>").Append(Badge(e.Outcome)).Append("</td>").Append(Td(ReportFormat.Verdict(e.Verdict)))
                    .Append("</tr>\n");
            }
            html.Append("</tbody></table></div>\n");
        }
        html.Append("</section>\n");
    }

    private static void Benchmarks(StringBuilder html, BenchReport? bench)
    {
        html.Append("<section id=\"benchmarks\"><h2>Benchmarks</h2>\n");
        if (bench is null)
        {
            html.Append("<p class=\"none\">No benchmark rows.</p></section>\n");
            return;
        }
        html.Append("<p class=\"note\">Ratio: median ÷ median of the reference <strong>").Append(HtmlEncode(bench.ReferenceSubject)).Append(" / ")
            .Append(HtmlEncode(bench.ReferenceStartMethod)).Append("</strong> row of the same benchmark and params (shown in bold). ")
            .Append("Bar: median; line: p05–p95; one scale per table.</p>\n");
        GroupTables(html, bench.Groups);
        html.Append("</section>\n");
    }

    private static void Systematic(StringBuilder html, SystematicReport? systematic)
    {
        html.Append("<section id=\"systematic\"><h2>Systematic testing</h2>\n");
        if (systematic is null)
        {
            html.Append("<p class=\"none\">No systematic rows (run <code>lab explore corpus</code>, <code>lab explore --bench</code>).</p></section>\n");
            return;
        }
        html.Append("<p class=\"note\">The latest figure of each series from <code>lab explore</code> (latest ").Append(HtmlEncode(ReportFormat.Utc(systematic.LatestUtc)))
            .Append("): the seeded-bug corpus under our tester and Coyote side by side, schedules per second in process and across processes, PCT's observed rate next to its bound. The strategy is in the method column.</p>\n");
        if (systematic.Comparison is { } comparison)
            Comparison(html, comparison);
        GroupTables(html, systematic.Groups);
        html.Append("</section>\n");
    }

    private static void Comparison(StringBuilder html, SystematicComparison comparison)
    {
        html.Append("<h3>The corpus under both testers <small class=\"mono\">run ").Append(HtmlEncode(comparison.RunId)).Append("</small></h3>\n<p class=\"note\">")
            .Append(HtmlEncode(SystematicFormat.Legend)).Append("</p>\n<table class=\"comparison\"><thead><tr><th rowspan=\"2\">program</th>");
        foreach (var tester in comparison.Columns.GroupBy(c => c.Tester))
            html.Append("<th colspan=\"").Append(tester.Count()).Append("\">").Append(HtmlEncode(tester.Key)).Append("</th>");
        html.Append("</tr><tr>");
        foreach (var column in comparison.Columns)
            html.Append("<th>").Append(HtmlEncode(column.Strategy)).Append("</th>");
        html.Append("</tr></thead><tbody>\n");
        foreach (var row in comparison.Rows)
        {
            html.Append("<tr>").Append(Td(row.Program, "mono"));
            foreach (var cell in row.Cells)
            {
                if (cell is null)
                {
                    html.Append("<td class=\"num\">–</td>");
                    continue;
                }
                html.Append("<td class=\"num\">").Append(HtmlEncode(SystematicFormat.Iterations(cell))).Append("<br><small>")
                    .Append(HtmlEncode(SystematicFormat.Speed(cell))).Append("</small>");
                var twin = SystematicFormat.Twin(cell);
                if (twin.Length > 0)
                    html.Append("<br><span class=\"o o-fail\">").Append(HtmlEncode(twin)).Append("</span>");
                html.Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table>\n<h3>Differential check</h3>\n");
        if (comparison.Findings.Count == 0)
            html.Append("<p class=\"none\">No finding: every bug found by one tester within the budget was found by the other, and every corrected twin stayed clean under both.</p>\n");
        else
        {
            html.Append("<table><thead><tr><th>program</th><th>finding</th><th>detail</th></tr></thead><tbody>\n");
            foreach (var f in comparison.Findings)
                html.Append("<tr>").Append(Td(f.Program, "mono")).Append(Td(f.Kind)).Append(Td(f.Detail)).Append("</tr>\n");
            html.Append("</tbody></table>\n");
        }
        if (comparison.Goals.Count > 0)
        {
            html.Append("<h3>Goals (benchmarks, reported)</h3>\n<table><thead><tr><th>goal</th><th>program</th><th>verdict</th><th>figures</th></tr></thead><tbody>\n");
            foreach (var g in comparison.Goals)
                html.Append("<tr>").Append(Td(g.Goal)).Append(Td(g.Program, "mono")).Append(Td(SystematicFormat.Verdict(g.Met))).Append(Td(g.Detail)).Append("</tr>\n");
            html.Append("</tbody></table>\n");
        }
    }

    private static void GroupTables(StringBuilder html, IReadOnlyList<BenchGroup> groups)
    {
        foreach (var g in groups)
        {
            html.Append("<h3><span class=\"mono\">").Append(HtmlEncode(g.Benchmark)).Append("</span>");
            if (g.Params.Length > 0)
                html.Append(" <small class=\"mono\">").Append(HtmlEncode(RowParams.Display(g.Params))).Append("</small>");
            html.Append("</h3>\n<table><thead><tr><th>subject</th><th>version</th><th>method</th><th class=\"num\">n</th><th class=\"num\">median</th><th class=\"num\">p05</th><th class=\"num\">p95</th><th>unit</th><th class=\"num\">ratio</th><th>median, p05–p95</th></tr></thead><tbody>\n");
            foreach (var l in g.Lines)
            {
                html.Append(l.IsReference ? "<tr class=\"ref\">" : "<tr>")
                    .Append(Td(l.Subject)).Append(Td(l.SubjectVersion)).Append(Td(l.StartMethod))
                    .Append(Td(ReportFormat.Int(l.N), "num"))
                    .Append(Td(ReportFormat.Number(l.Median), "num")).Append(Td(ReportFormat.Number(l.P05), "num")).Append(Td(ReportFormat.Number(l.P95), "num"))
                    .Append(Td(l.Unit)).Append(Td(ReportFormat.Ratio(l.RatioToReference), "num"))
                    .Append("<td>").Append(Bar(l, g.Scale)).Append("</td></tr>\n");
            }
            html.Append("</tbody></table>\n");
        }
    }

    private static string Bar(BenchLine line, double scale)
    {
        if (!(scale > 0))
            return "";
        var median = ReportFormat.Percent(line.Median / scale);
        var left = ReportFormat.Percent(line.P05 / scale);
        var width = ReportFormat.Percent((line.P95 - line.P05) / scale);
        return $"<div class=\"bar\" title=\"median {HtmlEncode(ReportFormat.Number(line.Median))} {HtmlEncode(line.Unit)}\"><span class=\"m\" style=\"width:{median}\"></span><span class=\"w\" style=\"left:{left};width:{width}\"></span></div>";
    }

    private static string Td(string value, string? cssClass = null) =>
        cssClass is null ? $"<td>{HtmlEncode(value)}</td>" : $"<td class=\"{cssClass}\">{HtmlEncode(value)}</td>";

    private static string Badge(string outcome) => $"<span class=\"o {OutcomeClass(outcome)}\">{HtmlEncode(outcome)}</span>";

    // Only known outcomes become class names: an outcome is row data and must not reach markup raw.
    private static string OutcomeClass(string outcome) => Outcomes.All.Contains(outcome) ? "o-" + outcome : "o-other";

    private const string Css = """
        :root{--pass:#1a7f37;--fail:#cf222e;--error:#bc4c00;--hang:#8250df;--skip:#8c959f;--other:#57606a;--line:#d0d7de;--soft:#f6f8fa;--bar:#0969da}
        .chart{position:relative;height:320px;max-width:900px}figure{margin:1rem 0 1.5rem}figcaption{font-weight:600;margin-bottom:.3rem}
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff;max-width:1280px;margin:2rem auto;padding:0 1rem}
        h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.25rem;border-bottom:1px solid var(--line);padding-bottom:.25rem;margin-top:2rem}h3{font-size:1rem;margin:1.2rem 0 .3rem}
        nav a{color:var(--bar);text-decoration:none}small{color:#57606a;font-weight:normal}
        table{border-collapse:collapse;margin:.4rem 0 1rem}th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
        th{background:var(--soft);font-weight:600}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px}
        .pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere;max-width:32rem}
        .note{color:#57606a}.none{color:#57606a;font-style:italic}
        .o{display:inline-block;padding:0 .45rem;border-radius:.7rem;color:#fff;font-size:12px;font-weight:600}
        .o-pass{background:var(--pass)}.o-fail{background:var(--fail)}.o-error{background:var(--error)}.o-hang{background:var(--hang)}.o-skip{background:var(--skip)}.o-other{background:var(--other)}
        .stack{display:flex;width:32rem;max-width:100%;height:.8rem;border:1px solid var(--line);margin:.5rem 0}.stack span{display:block;height:100%}
        .matrix td.cell{color:#fff;font-weight:600;text-align:center;white-space:nowrap}.matrix td.empty{color:#8c959f;text-align:center}
        .divergence{border-left:4px solid var(--error);padding-left:.8rem;margin:1rem 0}
        .verdict{padding:0 .4rem;border-radius:.3rem;color:#fff}.v-unreviewed{background:var(--error)}.v-defect{background:var(--fail)}.v-intended{background:var(--pass)}
        tr.ref td{font-weight:600}
        .bar{position:relative;width:16rem;height:.9rem;background:var(--soft);border:1px solid var(--line)}
        .bar .m{position:absolute;left:0;top:0;bottom:0;background:var(--bar);opacity:.75}.bar .w{position:absolute;top:calc(50% - 1px);height:2px;background:#1f2328}
        .changes{border:1px solid var(--line);background:var(--soft);padding:.2rem 1rem .6rem;margin-top:1rem}.changes h2{margin-top:.6rem}
        .nothing{font-weight:600;color:var(--pass)}li.v-regression,table.v-regression th{color:var(--fail)}li.v-improvement,table.v-improvement th{color:var(--pass)}
        .trends{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:.5rem 1.5rem}.chart.small{height:200px}figure.trend{margin:.5rem 0}.step{color:#8250df}
        @media print{nav{display:none}}
        """;
}
