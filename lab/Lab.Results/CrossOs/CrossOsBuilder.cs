namespace Lab.Results;

/// <summary>Turns a matrix run's files into a <see cref="CrossOsReport"/>. Pure and deterministic, like <see cref="ReportBuilder"/>.</summary>
public static class CrossOsBuilder
{
    public static CrossOsReport Build(MatrixResults run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var images = run.Cells.Select(c => c.Image).Concat(run.Conformance.Select(r => r.Image)).Concat(run.Bench.Select(r => r.Image))
            .Where(i => i.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        var utc = run.Cells.Select(c => c.Utc).Concat(run.Conformance.Select(r => r.Utc)).Concat(run.Bench.Select(r => r.Utc))
            .DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        return new CrossOsReport(
            run.RunId,
            utc,
            images.Select(i => Summary(i, run)).ToList(),
            run.Cells.OrderBy(c => c.Image, StringComparer.Ordinal).ThenBy(c => c.Subjects, StringComparer.Ordinal).ToList(),
            Matrix(run.Conformance),
            Divergences(run.Divergences),
            Bench(run.Bench, images));
    }

    private static ImageSummary Summary(string image, MatrixResults run)
    {
        var rows = run.Conformance.Where(r => r.Image == image).ToList();
        var os = rows.Select(r => r.Os).Concat(run.Bench.Where(r => r.Image == image).Select(r => r.Os));
        var subjects = rows.Select(r => new SubjectVersion(r.Subject, r.SubjectVersion))
            .Concat(run.Bench.Where(r => r.Image == image).Select(r => new SubjectVersion(r.Subject, r.SubjectVersion)))
            .Distinct().OrderBy(s => s.Subject, StringComparer.Ordinal).ThenBy(s => s.Version, StringComparer.Ordinal).ToList();
        return new ImageSummary(image, string.Join(", ", os.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)), subjects,
            ReportBuilder.CountOutcomes(rows.Select(r => r.Outcome)));
    }

    private static CrossOsMatrix Matrix(IReadOnlyList<ConformanceRow> rows)
    {
        var columns = rows.Select(r => new CrossOsColumn(r.Image, r.Subject, r.StartMethod)).Distinct()
            .OrderBy(c => c.Subject, StringComparer.Ordinal).ThenBy(c => c.StartMethod, StringComparer.Ordinal).ThenBy(c => c.Image, StringComparer.Ordinal)
            .ToList();
        var matrixRows = rows.GroupBy(r => r.Scenario, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(scenario => new MatrixRow(
                scenario.Key,
                string.Join(", ", scenario.Select(r => r.Area).Distinct(StringComparer.Ordinal)),
                columns.Select(c => ReportBuilder.Cell(scenario.Where(r => r.Image == c.Image && r.Subject == c.Subject && r.StartMethod == c.StartMethod))).ToList()))
            .ToList();
        return new CrossOsMatrix(columns, matrixRows);
    }

    private static List<CrossImageDivergence> Divergences(IReadOnlyList<CrossImageObservationRow> rows) =>
        rows.GroupBy(r => r.Divergence)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var first = g.First();
                return new CrossImageDivergence(g.Key, first.Scenario, first.Area, first.Rule, first.Subject, first.StartMethod, first.Params, first.Seed,
                    g.Any(r => r.Verdict == Verdicts.Defect) ? Verdicts.Defect : first.Verdict,
                    g.Select(r => r.Reason).FirstOrDefault(r => r.Length > 0) ?? "",
                    g.OrderBy(r => r.Image, StringComparer.Ordinal).Select(r => new ImageObservation(r.Image, r.SubjectVersion, r.Observed, r.Outcome)).ToList());
            })
            .ToList();

    private static List<CrossOsBenchGroup> Bench(IReadOnlyList<BenchRow> rows, IReadOnlyList<string> allImages) =>
        rows.GroupBy(r => (r.Benchmark, r.Params))
            .OrderBy(g => g.Key.Benchmark, StringComparer.Ordinal).ThenBy(g => g.Key.Params, StringComparer.Ordinal)
            .Select(g =>
            {
                var images = allImages.Where(i => g.Any(r => r.Image == i)).ToList();
                var lines = g.GroupBy(r => (r.Subject, r.StartMethod))
                    .OrderBy(l => l.Key.Subject, StringComparer.Ordinal).ThenBy(l => l.Key.StartMethod, StringComparer.Ordinal)
                    .Select(l => new CrossOsBenchLine(l.Key.Subject, l.Key.StartMethod, images.Select(image =>
                    {
                        // Several rows of one image (a cell repeated) would be several runs: the latest stands for the image.
                        var row = l.Where(r => r.Image == image).OrderBy(r => r.Utc).LastOrDefault();
                        if (row is null) return null;
                        var reference = g.Where(r => r.Image == image && r.Subject == ReportBuilder.ReferenceSubject && r.StartMethod == ReportBuilder.ReferenceStartMethod)
                            .OrderBy(r => r.Utc).LastOrDefault();
                        double? ratio = reference is not null && reference.Median != 0 && reference.Unit == row.Unit ? row.Median / reference.Median : null;
                        return new ImageFigure(row.Median, ratio);
                    }).ToList()))
                    .ToList();
                return new CrossOsBenchGroup(g.Key.Benchmark, g.Key.Params, string.Join(", ", g.Select(r => r.Unit).Distinct(StringComparer.Ordinal)), images, lines);
            })
            .ToList();
}
