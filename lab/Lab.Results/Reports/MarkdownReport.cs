using System.Text;

namespace Lab.Results;

/// <summary>
/// Renders <c>summary.md</c>: the sections of <see cref="HtmlReport"/> as GitHub-flavoured Markdown
/// tables, for CI logs and pull requests. Every value from a row goes through <see cref="Escape"/>.
/// </summary>
public static partial class MarkdownReport
{
    public const string FileName = "summary.md";

    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var md = new StringBuilder();
        md.Append("# Concurrency lab report\n\n");
        MarkdownNightly.Changes(md, model.Changes);
        md.Append("## Runs\n\nEach section shows the latest run (by UTC) of its kind.\n\n");
        Table(md, ["section", "run id", "utc", "host", "os", "runtime", "subjects", "rows"],
            new[] { ("conformance", model.Conformance?.Run), ("benchmarks", model.Bench?.Run) }
                .Where(r => r.Item2 is not null)
                .Select(r => new[] { r.Item1, r.Item2!.RunId, ReportFormat.Utc(r.Item2.Utc), r.Item2.Host, r.Item2.Os, r.Item2.Runtime, ReportFormat.Subjects(r.Item2), ReportFormat.Int(r.Item2.RowCount) }));

        if (model.Conformance is { } c)
        {
            md.Append("## Conformance summary\n\n");
            Table(md, ["outcome", "rows"], c.Counts.Select(o => new[] { o.Outcome, ReportFormat.Int(o.Count) }));

            md.Append("## Failures\n\n");
            Table(md, ["scenario", "subject", "method", "outcome", "expected", "observed", "detail", "seed"],
                c.Failures.Select(r => new[] { r.Scenario, r.Subject, r.StartMethod, r.Outcome, r.Expected, r.Observed, r.Detail, r.Seed ?? "" }),
                "No failures.");

            md.Append("## Conformance matrix\n\n");
            Table(md, ["scenario", "area", .. c.Matrix.Columns.Select(col => $"{col.Subject} {col.StartMethod}")],
                c.Matrix.Rows.Select(row => new[] { row.Scenario, row.Area }.Concat(row.Cells.Select(cell => cell is null ? "–" : ReportFormat.Cell(cell))).ToArray()));

            md.Append("## Divergences\n\nScenarios where subjects observed different things for the same start method and seed.\n\n");
            if (c.Divergences.Count == 0)
                md.Append("No divergences between subjects.\n\n");
            foreach (var d in c.Divergences)
            {
                md.Append("### ").Append(Escape(d.Scenario)).Append("\n\n")
                    .Append("Area ").Append(Escape(d.Area)).Append("; differs on ").Append(Escape(string.Join(", ", d.StartMethods)))
                    .Append("; verdict: **").Append(Escape(ReportFormat.Verdict(d.Verdict))).Append("**\n\n");
                if (d.Reason.Length > 0) md.Append("Why: ").Append(Escape(d.Reason)).Append("\n\n");
                Table(md, ["subject", "method", "seed", "params", "expected", "observed", "outcome", "verdict"],
                    d.Entries.Select(e => new[] { e.Subject, e.StartMethod, e.Seed ?? "", e.Params, e.Expected, e.Observed, e.Outcome, ReportFormat.Verdict(e.Verdict) }));
            }
        }
        else
        {
            md.Append("## Conformance\n\nNo conformance rows.\n\n");
        }

        md.Append("## Benchmarks\n\n");
        if (model.Bench is not { } bench)
        {
            md.Append("No benchmark rows.\n\n");
            MarkdownNightly.Calibration(md, model.Nightly);
            Systematic(md, model.Systematic);
        CrossOs(md, model.CrossOs);
            return md.ToString();
        }
        md.Append("Ratio: median ÷ median of the reference **").Append(Escape(bench.ReferenceSubject)).Append(" / ")
            .Append(Escape(bench.ReferenceStartMethod)).Append("** row of the same benchmark and params.\n\n");
        foreach (var g in bench.Groups)
        {
            md.Append("### ").Append(Escape(g.Benchmark));
            if (g.Params.Length > 0)
                md.Append(" (").Append(Escape(RowParams.Display(g.Params))).Append(')');
            md.Append("\n\n");
            Table(md, ["subject", "version", "method", "n", "median", "p05", "p95", "unit", "ratio"],
                g.Lines.Select(l => new[]
                {
                    l.IsReference ? l.Subject + " (reference)" : l.Subject, l.SubjectVersion, l.StartMethod, ReportFormat.Int(l.N),
                    ReportFormat.Number(l.Median), ReportFormat.Number(l.P05), ReportFormat.Number(l.P95), l.Unit, ReportFormat.Ratio(l.RatioToReference),
                }));
        }
        var sweeps = bench.Charts.Where(c => c.Kind == BenchChartKind.Sweep).ToList();
        if (sweeps.Count > 0)
        {
            md.Append("## Sweeps\n\nThe best value of the swept parameter per subject and start method (lowest median); the HTML report plots the whole sweep.\n\n");
            foreach (var sweep in sweeps)
            {
                md.Append("### ").Append(Escape(sweep.Title)).Append("\n\n");
                Table(md, ["subject/method", "best " + sweep.XTitle, "median there", "unit"],
                    sweep.Series.Select(s => new[] { Escape(s.Label), ReportFormat.Number(s.Lowest.X), ReportFormat.Number(s.Lowest.Y), Escape(sweep.YTitle) }));
            }
        }
        PerformanceModel(md, bench.PerformanceModel);
        MarkdownNightly.Calibration(md, model.Nightly);
        Systematic(md, model.Systematic);
        CrossOs(md, model.CrossOs);
        return md.ToString();
    }

    /// <summary>seeds 59.30, 59.34: the break-even task size and the crossover argument size per subject and start method;
    /// the HTML report draws the curves.</summary>
    private static void PerformanceModel(StringBuilder md, PerformanceModel? model)
    {
        if (model is null) return;
        md.Append("## Performance model\n\n");
        if (model.TaskSize.Count > 0)
        {
            md.Append("### When does multiprocessing help? (").Append(Escape(PerformanceModelBuilder.TaskSize.Benchmark)).Append(")\n\n")
                .Append("Speedup of `Pool.map` on 2 warm workers (chunksize 1) over serial work in the parent, per task size; break-even: the smallest task size from which the pool is faster at every larger size.\n\n");
            Table(md, PerformanceModelFormat.Headers(PerformanceModelBuilder.TaskSize, PerformanceModelFormat.Sizes(model.TaskSize), "break-even task size"),
                model.TaskSize.Select(s => PerformanceModelFormat.Row(PerformanceModelBuilder.TaskSize, s, PerformanceModelFormat.Sizes(model.TaskSize), ratios: true)));
        }
        if (model.ArgumentSize.Count > 0)
        {
            md.Append("### Sending huge objects repeatedly (").Append(Escape(PerformanceModelBuilder.ArgumentSize.Benchmark)).Append(")\n\n")
                .Append("µs per task, channel / shared memory, per argument size; crossover: the smallest size from which shared memory is cheaper at every larger size.\n\n");
            Table(md, PerformanceModelFormat.Headers(PerformanceModelBuilder.ArgumentSize, PerformanceModelFormat.Sizes(model.ArgumentSize), "crossover size"),
                model.ArgumentSize.Select(s => PerformanceModelFormat.Row(PerformanceModelBuilder.ArgumentSize, s, PerformanceModelFormat.Sizes(model.ArgumentSize), ratios: false)));
        }
    }

    private static void Systematic(StringBuilder md, SystematicReport? systematic)
    {
        md.Append("## Systematic testing\n\n");
        if (systematic is null)
        {
            md.Append("No systematic rows (run `lab explore corpus`, `lab explore --bench`).\n");
            return;
        }
        md.Append("The latest figure of each series from `lab explore`; the strategy is in the method column.\n\n");
        if (systematic.Comparison is { } comparison)
            Comparison(md, comparison);
        foreach (var g in systematic.Groups)
        {
            md.Append("### ").Append(Escape(g.Benchmark));
            if (g.Params.Length > 0)
                md.Append(" (").Append(Escape(RowParams.Display(g.Params))).Append(')');
            md.Append("\n\n");
            Table(md, ["subject", "strategy", "n", "median", "p05", "p95", "unit"],
                g.Lines.Select(l => new[] { l.Subject, l.StartMethod, ReportFormat.Int(l.N), ReportFormat.Number(l.Median), ReportFormat.Number(l.P05), ReportFormat.Number(l.P95), l.Unit }));
        }
    }

    private static void Comparison(StringBuilder md, SystematicComparison comparison)
    {
        md.Append("### The corpus under both testers (run ").Append(Escape(comparison.RunId)).Append(")\n\n").Append(Escape(SystematicFormat.Legend)).Append("\n\n");
        Table(md, ["program", .. comparison.Columns.Select(c => c.ToString())],
            comparison.Rows.Select(r => new[] { r.Program }.Concat(r.Cells.Select(c => c is null ? "–"
                : string.Join("\n", new[] { SystematicFormat.Iterations(c), SystematicFormat.Speed(c), SystematicFormat.Twin(c) }.Where(t => t.Length > 0)))).ToArray()));
        md.Append("### Differential check\n\n");
        Table(md, ["program", "finding", "detail"], comparison.Findings.Select(f => new[] { f.Program, f.Kind, f.Detail }),
            "No finding: every bug found by one tester within the budget was found by the other, and every corrected twin stayed clean under both.");
        if (comparison.Goals.Count > 0)
        {
            md.Append("### Goals (benchmarks, reported)\n\n");
            Table(md, ["goal", "program", "verdict", "figures"], comparison.Goals.Select(g => new[] { g.Goal, g.Program, SystematicFormat.Verdict(g.Met), g.Detail }));
        }
    }

    /// <summary>
    /// Makes a value inert inside a GFM table cell: a backslash before every character that could
    /// end the cell (<c>|</c>) or start markup (emphasis, code, links, raw HTML, entities), and
    /// line breaks as <c>&lt;br&gt;</c> because a table row must stay on one line.
    /// </summary>
    public static string Escape(string value)
    {
        var result = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            switch (ch)
            {
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    result.Append("<br>");
                    break;
                case '\\' or '|' or '*' or '_' or '`' or '~' or '[' or ']' or '<' or '>' or '&' or '#' or '!':
                    result.Append('\\').Append(ch);
                    break;
                default:
                    result.Append(ch);
                    break;
            }
        }
        return result.ToString();
    }

    internal static void Table(StringBuilder md, IReadOnlyList<string> headers, IEnumerable<string[]> rows, string? whenEmpty = null)
    {
        var list = rows.ToList();
        if (list.Count == 0 && whenEmpty is not null)
        {
            md.Append(whenEmpty).Append("\n\n");
            return;
        }
        md.Append("| ").Append(string.Join(" | ", headers.Select(Escape))).Append(" |\n");
        md.Append('|').Append(string.Concat(headers.Select(_ => " --- |"))).Append('\n');
        foreach (var row in list)
            md.Append("| ").Append(string.Join(" | ", row.Select(Escape))).Append(" |\n");
        md.Append('\n');
    }
}
