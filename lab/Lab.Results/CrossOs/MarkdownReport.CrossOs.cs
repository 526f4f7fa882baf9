using System.Text;

namespace Lab.Results;

/// <summary>The cross-OS section of <c>summary.md</c>, as in <see cref="HtmlReport"/>.</summary>
public static partial class MarkdownReport
{
    private static void CrossOs(StringBuilder md, CrossOsReport? report)
    {
        md.Append("\n## Cross-OS matrix\n\n");
        if (report is null)
        {
            md.Append("No matrix run (run `lab matrix` or `./run-all.sh matrix`).\n");
            return;
        }
        md.Append("Matrix run ").Append(Escape(report.RunId)).Append(" (latest ").Append(Escape(ReportFormat.Utc(report.Utc)))
            .Append("): the same `lab run` and `lab bench` in one container per OS image.\n\n");
        Table(md, ["image", "os (inside)", "subjects", "outcomes"],
            report.Images.Select(i => new[]
            {
                i.Image, i.Os, string.Join(", ", i.Subjects.Select(s => $"{s.Subject} {s.Version}")),
                string.Join(" ", i.Counts.Select(c => $"{c.Outcome}×{c.Count}")),
            }));
        Table(md, ["image", "subjects", "engine", "outcome", "seconds", "run exit", "bench exit", "detail"],
            report.Cells.Select(c => new[] { c.Image, c.Subjects, c.Engine, c.Outcome, ReportFormat.Number(c.DurationS), c.RunExit, c.BenchExit, c.Detail }));

        md.Append("### Cross-image divergences\n\nThe same subject and start method observing different things on different images (same case and seed). ")
            .Append("*intended*: the scenario declares the change between versions; *defect*: unexplained, and `lab matrix` fails.\n\n");
        if (report.Divergences.Count == 0)
            md.Append("No cross-image divergences.\n\n");
        foreach (var d in report.Divergences)
        {
            md.Append("#### ").Append(d.Number).Append(". ").Append(Escape(d.Scenario)).Append(" (").Append(Escape(d.Subject)).Append(" / ").Append(Escape(d.StartMethod)).Append(")\n\n")
                .Append("Rule: ").Append(Escape(d.Rule.TrimEnd('.'))).Append("; verdict: **").Append(Escape(ReportFormat.Verdict(d.Verdict))).Append("**");
            if (d.Params.Length > 0) md.Append("; params ").Append(Escape(RowParams.Display(d.Params)));
            if (d.Seed is { Length: > 0 }) md.Append("; seed ").Append(Escape(d.Seed));
            md.Append("\n\n");
            if (d.Reason.Length > 0) md.Append("Why: ").Append(Escape(d.Reason)).Append("\n\n");
            Table(md, ["image", "version", "observed", "outcome"], d.Observations.Select(o => new[] { o.Image, o.SubjectVersion, o.Observed, o.Outcome }));
        }

        md.Append("### Scenarios by image\n\n");
        Table(md, ["scenario", .. report.Matrix.Columns.Select(c => $"{c.Subject} {c.StartMethod} {c.Image}")],
            report.Matrix.Rows.Select(row => new[] { row.Scenario }.Concat(row.Cells.Select(cell => cell is null ? "–" : ReportFormat.Cell(cell))).ToArray()));

        md.Append("### Benchmarks by image\n\nMedian, and in brackets its ratio to CPython / spawn in the same image.\n\n");
        foreach (var g in report.Bench)
        {
            md.Append("#### ").Append(Escape(g.Benchmark));
            if (g.Params.Length > 0) md.Append(" (").Append(Escape(RowParams.Display(g.Params))).Append(')');
            md.Append(", ").Append(Escape(g.Unit)).Append("\n\n");
            Table(md, ["subject", "method", .. g.Images],
                g.Lines.Select(l => new[] { l.Subject, l.StartMethod }
                    .Concat(l.Figures.Select(f => f is null ? "–" : $"{ReportFormat.Number(f.Median)} ({ReportFormat.Ratio(f.RatioToReference)})")).ToArray()));
        }
    }
}
