using System.Text;
using Lab.Results.Csv;
using Lab.Results.Nightly;

namespace Lab.Results;

/// <summary>Where <see cref="ReportWriter.Render"/> put the two reports.</summary>
public sealed record ReportPaths(string Html, string Markdown);

/// <summary>Results directory in, report files out: the last stage of the data flow (DESIGN.md, "Layout").</summary>
public static class ReportWriter
{
    /// <summary>
    /// Reads every results file in <paramref name="resultsDir"/> (conformance, bench, samples, systematic, calibration) and
    /// writes <c>index.html</c> and <c>summary.md</c> into <paramref name="reportsDir"/> (created if needed), each replaced
    /// atomically. The nightly comparison is made here with the default policy (<see cref="ComparePolicy.Default"/>), as
    /// `lab compare` makes it without options.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no results CSV to render.</exception>
    /// <exception cref="InvalidDataException">A CSV file does not match the documented columns.</exception>
    public static ReportPaths Render(string resultsDir, string reportsDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultsDir);
        ArgumentException.ThrowIfNullOrEmpty(reportsDir);
        var matrix = MatrixResults.ReadLatest(resultsDir);
        if (ResultsCsv.FilesIn(resultsDir, ResultsCsv.ConformancePattern).Count == 0
            && ResultsCsv.FilesIn(resultsDir, ResultsCsv.BenchPattern).Count == 0
            && matrix is null)
        {
            throw new FileNotFoundException(
                $"No results to report: {Path.GetFullPath(resultsDir)} has no {ResultsCsv.ConformancePattern} or {ResultsCsv.BenchPattern}. " +
                "Run `lab run` (and `lab bench` for benchmarks) first.");
        }

        var conformance = ResultsCsv.ReadAllConformance(resultsDir);
        var bench = ResultsCsv.ReadAllBench(resultsDir);
        var policy = ComparePolicy.Default;
        var analyses = NightlyAnalysis.Analyze(ResultsCsv.ReadAllSamples(resultsDir), policy);
        var model = ReportBuilder.Build(conformance, bench) with
        {
            Systematic = ReportBuilder.BuildSystematic(ResultsCsv.ReadAllSystematic(resultsDir)),
            Changes = NightlyReportBuilder.Changes(analyses, conformance, policy),
            Nightly = bench.Count == 0 ? null : NightlyReportBuilder.Nightly(bench, analyses, ResultsCsv.ReadAllCalibration(resultsDir), policy),
            CrossOs = matrix is null ? null : CrossOsBuilder.Build(matrix),
        };
        Directory.CreateDirectory(reportsDir);
        var paths = new ReportPaths(
            Path.GetFullPath(Path.Combine(reportsDir, HtmlReport.FileName)),
            Path.GetFullPath(Path.Combine(reportsDir, MarkdownReport.FileName)));
        WriteText(paths.Html, HtmlReport.Render(model));
        WriteText(paths.Markdown, MarkdownReport.Render(model));
        return paths;
    }

    private static void WriteText(string path, string text)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }
}
