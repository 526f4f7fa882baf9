namespace Lab.Results.Tests;

public sealed class CrossOsReportTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ConformanceRow Row(string image, string observed, string subjectVersion, string outcome = Outcomes.Pass) =>
        Sample.Conformance(scenario: "start-methods.default", subject: "cpython", startMethod: "fork", observed: observed, outcome: outcome)
            with { Image = image, SubjectVersion = subjectVersion };

    private string WriteRun(string runId, bool withCells = true)
    {
        var folder = Path.Combine(_dir.Path, MatrixResults.FolderName(runId));
        ResultsCsv.Write(Path.Combine(folder, "bookworm-all", "conformance-a.csv"), [Row("bookworm@aaaaaaaaaaaa", "default=fork", "3.11.2")]);
        ResultsCsv.Write(Path.Combine(folder, "sid-all", "conformance-b.csv"), [Row("sid@bbbbbbbbbbbb", "default=forkserver", "3.14.0")]);
        ResultsCsv.Write(Path.Combine(folder, "bookworm-all", "bench-a.csv"),
        [
            Sample.Bench(benchmark: "start-latency", subject: "cpython", startMethod: "spawn", median: 50) with { Image = "bookworm@aaaaaaaaaaaa" },
            Sample.Bench(benchmark: "start-latency", subject: "engine", startMethod: "spawn", median: 25) with { Image = "bookworm@aaaaaaaaaaaa" },
        ]);
        ResultsCsv.Write(Path.Combine(folder, "sid-all", "bench-b.csv"),
            [Sample.Bench(benchmark: "start-latency", subject: "cpython", startMethod: "spawn", median: 40) with { Image = "sid@bbbbbbbbbbbb" }]);
        if (withCells)
        {
            MatrixResults.WriteCells(Path.Combine(folder, MatrixResults.CellsFileName),
            [
                new CellRow { RunId = runId, Image = "bookworm@aaaaaaaaaaaa", Subjects = "all", Engine = "unix:///var/run/docker.sock", Outcome = CellRow.Done, Utc = Sample.Utc, DurationS = 12 },
                new CellRow { RunId = runId, Image = "sid@bbbbbbbbbbbb", Subjects = "all", Engine = "unix:///var/run/docker.sock", Outcome = CellRow.Hang, Utc = Sample.Utc, DurationS = 60, Detail = "killed" },
            ]);
            MatrixResults.WriteDivergences(Path.Combine(folder, MatrixResults.DivergencesFileName),
            [
                Divergence(runId, "bookworm@aaaaaaaaaaaa", "3.11.2", "default=fork"),
                Divergence(runId, "sid@bbbbbbbbbbbb", "3.14.0", "default=forkserver"),
            ]);
        }
        return folder;
    }

    private static CrossImageObservationRow Divergence(string runId, string image, string version, string observed) => new()
    {
        RunId = runId, Divergence = 1, Scenario = "start-methods.default", Area = "start-methods", Rule = "get_start_method() names the default",
        Subject = "cpython", StartMethod = "fork", Image = image, SubjectVersion = version, Observed = observed, Outcome = Outcomes.Pass,
        Verdict = Verdicts.Intended, Reason = "3.14 changed the default",
    };

    [Fact]
    public void MatrixResults_ReadLatest_TakesTheNewestCompleteRunFolder()
    {
        WriteRun("20261101T000000Z-aaaaaa");
        WriteRun("20261102T000000Z-bbbbbb");
        WriteRun("20261103T000000Z-cccccc", withCells: false); // still being written: no cells.csv yet

        var latest = MatrixResults.ReadLatest(_dir.Path);

        Assert.NotNull(latest);
        Assert.Equal("20261102T000000Z-bbbbbb", latest.RunId);
        Assert.Equal(2, latest.Conformance.Count);
        Assert.Equal(2, latest.Cells.Count);
        Assert.Equal(2, latest.Divergences.Count);
    }

    [Fact]
    public void CrossOsBuilder_Build_PutsImagesSideBySideWithRatiosInTheSameImage()
    {
        var report = CrossOsBuilder.Build(MatrixResults.Read(WriteRun("20261102T000000Z-bbbbbb")));

        Assert.Equal(["bookworm@aaaaaaaaaaaa", "sid@bbbbbbbbbbbb"], report.Images.Select(i => i.Image));
        Assert.Equal(["cpython fork bookworm@aaaaaaaaaaaa", "cpython fork sid@bbbbbbbbbbbb"],
            report.Matrix.Columns.Select(c => $"{c.Subject} {c.StartMethod} {c.Image}"));
        var divergence = Assert.Single(report.Divergences);
        Assert.Equal(Verdicts.Intended, divergence.Verdict);
        Assert.Equal(["default=fork", "default=forkserver"], divergence.Observations.Select(o => o.Observed));

        var latency = Assert.Single(report.Bench);
        var engine = Assert.Single(latency.Lines, l => l.Subject == "engine");
        Assert.Equal(0.5, engine.Figures[0]!.RatioToReference);
        Assert.Null(engine.Figures[1]); // no engine row in sid
        var cpython = Assert.Single(latency.Lines, l => l.Subject == "cpython");
        Assert.Equal(40, cpython.Figures[1]!.Median);
        Assert.Equal(1.0, cpython.Figures[1]!.RatioToReference);
    }

    [Fact]
    public void ReportWriter_WithOnlyAMatrixRun_RendersTheCrossOsSection()
    {
        WriteRun("20261102T000000Z-bbbbbb");
        var reports = Path.Combine(_dir.Path, "reports");

        var paths = ReportWriter.Render(_dir.Path, reports);

        var html = File.ReadAllText(paths.Html);
        var md = File.ReadAllText(paths.Markdown);
        Assert.Contains("id=\"cross-os\"", html);
        Assert.Contains("sid@bbbbbbbbbbbb", html);
        Assert.Contains("o-hang\">hang", html);
        Assert.Contains("## Cross-OS matrix", md);
        Assert.Contains("default=forkserver", md);
        Assert.Contains("3.14 changed the default", md);
    }
}
