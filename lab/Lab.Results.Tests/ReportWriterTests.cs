namespace Lab.Results.Tests;

public sealed class ReportWriterTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReportWriter_FromCsvSet_RendersBothReportsWithTheDivergence()
    {
        var results = Path.Combine(_dir.Path, "results");
        var reports = Path.Combine(_dir.Path, "reports", "latest");
        ResultsCsv.Write(Path.Combine(results, ResultsCsv.ConformanceFileName(Sample.Run.RunId)),
        [
            Sample.Conformance(scenario: "termination/sigterm", subject: "engine", observed: "-15"),
            Sample.Conformance(scenario: "termination/sigterm", subject: "cpython", observed: "<script>alert(1)</script>", outcome: Outcomes.Fail),
            Sample.Conformance(scenario: "exit-codes/return-zero", subject: "engine"),
            Sample.Conformance(scenario: "exit-codes/return-zero", subject: "cpython"),
        ]);
        ResultsCsv.Write(Path.Combine(results, ResultsCsv.BenchFileName(Sample.Run.RunId)),
            [Sample.Bench(subject: "cpython", median: 20), Sample.Bench(median: 50)]);

        var paths = ReportWriter.Render(results, reports);

        Assert.Equal(Path.Combine(reports, "index.html"), paths.Html);
        Assert.Equal(Path.Combine(reports, "summary.md"), paths.Markdown);
        var html = File.ReadAllText(paths.Html);
        var divergences = html[html.IndexOf("id=\"divergences\"", StringComparison.Ordinal)..html.IndexOf("id=\"benchmarks\"", StringComparison.Ordinal)];
        Assert.Contains("termination/sigterm", divergences);
        Assert.DoesNotContain("exit-codes/return-zero", divergences);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode("2.50×"), html);
        var md = File.ReadAllText(paths.Markdown);
        Assert.Contains("### termination/sigterm", md);
        Assert.Contains("\\<script\\>", md);
        Assert.Equal(["index.html", "summary.md"], Directory.GetFiles(reports).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void ReportWriter_OnlyBenchResults_RendersWithoutConformance()
    {
        var results = Path.Combine(_dir.Path, "results");
        ResultsCsv.Write(Path.Combine(results, "bench-only.csv"), [Sample.Bench()]);

        var paths = ReportWriter.Render(results, Path.Combine(_dir.Path, "reports"));

        Assert.Contains("No conformance rows.", File.ReadAllText(paths.Html));
        Assert.Contains("start-join", File.ReadAllText(paths.Markdown));
    }

    [Fact]
    public void ReportWriter_NoCsv_ThrowsFileNotFoundTellingToRunLabRun()
    {
        var results = Path.Combine(_dir.Path, "results");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, "notes.csv"), "not,results\n");

        var error = Assert.Throws<FileNotFoundException>(() => ReportWriter.Render(results, Path.Combine(_dir.Path, "reports")));

        Assert.Contains("lab run", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "reports")));
    }

    [Fact]
    public void ReportWriter_MissingResultsDirectory_ThrowsFileNotFound()
    {
        var error = Assert.Throws<FileNotFoundException>(
            () => ReportWriter.Render(Path.Combine(_dir.Path, "nowhere"), Path.Combine(_dir.Path, "reports")));

        Assert.Contains("nowhere", error.Message);
    }
}
