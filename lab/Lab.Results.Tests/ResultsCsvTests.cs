namespace Lab.Results.Tests;

public sealed class ResultsCsvTests : IDisposable
{
    private const string ConformanceHeader =
        "run_id,utc,host,os,runtime,subject,subject_version,start_method,scenario,area,seed,outcome,expected,observed,duration_ms,detail,verdict,params,verdict_reason,image";

    private const string BenchHeader =
        "run_id,utc,host,os,runtime,subject,subject_version,start_method,benchmark,params,unit,n,median,p05,p95,mean,stddev,min,max,commit,image";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ResultsCsv_ConformanceRoundTrip_PreservesEveryField()
    {
        var rows = new[]
        {
            Sample.Conformance() with
            {
                Seed = "42",
                Outcome = Outcomes.Fail,
                Expected = "exitcode=-9, \"killed\"",
                Observed = "exitcode=137\r\nsecond line",
                DurationMs = 0.1 + 0.2,
                Detail = "Traceback, with \"quotes\", commas,\nnewlines\nand non-ASCII: Größe — 漢字 — 🚀",
                Verdict = Verdicts.Intended,
            },
            Sample.Conformance(subject: "cpython", startMethod: "fork") with
            {
                Utc = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero).AddTicks(9),
                Seed = null,
                Detail = "",
                Verdict = Verdicts.Unreviewed,
            },
        };
        var path = _dir.File("conformance-x.csv");

        ResultsCsv.Write(path, rows);

        Assert.Equal(rows, ResultsCsv.ReadConformance(path));
    }

    [Fact]
    public void ResultsCsv_BenchRoundTrip_PreservesEveryField()
    {
        var rows = new[]
        {
            BenchRow.FromSamples(Sample.Run, "engine", "0.1.0", "forkserver", "pool-map", "chunksize=8;items=1,000 \"x\"", "items/s",
                [1e-9, 0.1, 1234.5, 1.7976931348623157e308 / 4]),
            Sample.Bench(subject: "cpython"),
        };
        var path = _dir.File("bench-x.csv");

        ResultsCsv.Write(path, rows);

        Assert.Equal(rows, ResultsCsv.ReadBench(path));
    }

    [Fact]
    public void ResultsCsv_ConformanceHeader_IsTheDocumentedOrder()
    {
        var path = _dir.File("conformance-h.csv");

        ResultsCsv.Write(path, [Sample.Conformance()]);

        Assert.Equal(ConformanceHeader, File.ReadLines(path).First());
        Assert.Equal(ConformanceHeader, string.Join(',', ResultsCsv.ConformanceColumns));
    }

    [Fact]
    public void ResultsCsv_BenchHeader_IsTheDocumentedOrder()
    {
        var path = _dir.File("bench-h.csv");

        ResultsCsv.Write(path, [Sample.Bench()]);

        Assert.Equal(BenchHeader, File.ReadLines(path).First());
        Assert.Equal(BenchHeader, string.Join(',', ResultsCsv.BenchColumns));
    }

    [Fact]
    public void ResultsCsv_NumbersAndTimes_AreWrittenCultureFree()
    {
        var path = _dir.File("conformance-n.csv");
        var utcPlusTwo = new DateTimeOffset(2026, 11, 22, 3, 46, 10, TimeSpan.FromHours(2));

        ResultsCsv.Write(path, [Sample.Conformance() with { Utc = utcPlusTwo, DurationMs = 1234.5, Detail = "d" }]);

        var fields = File.ReadAllLines(path)[1].Split(',');
        Assert.Equal("2026-11-22T01:46:10.0000000+00:00", fields[1]);
        Assert.Equal("1234.5", fields[14]);
    }

    [Fact]
    public void ResultsCsv_EmptyRows_WritesHeaderOnlyAndReadsBackEmpty()
    {
        var path = _dir.File("conformance-empty.csv");

        ResultsCsv.Write(path, Array.Empty<ConformanceRow>());

        Assert.Equal([ConformanceHeader], File.ReadAllLines(path));
        Assert.Empty(ResultsCsv.ReadConformance(path));
    }

    [Fact]
    public void ResultsCsv_WriteTwice_ReplacesFileAndLeavesNoTemporaryFile()
    {
        var path = _dir.File("conformance-twice.csv");

        ResultsCsv.Write(path, [Sample.Conformance(observed: "first")]);
        ResultsCsv.Write(path, [Sample.Conformance(observed: "second")]);

        Assert.Equal("second", Assert.Single(ResultsCsv.ReadConformance(path)).Observed);
        Assert.Equal([path], Directory.GetFiles(_dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void ResultsCsv_WriteIntoMissingDirectory_CreatesIt()
    {
        var path = Path.Combine(_dir.Path, "results", "nested", "bench-new.csv");

        ResultsCsv.Write(path, [Sample.Bench()]);

        Assert.Single(ResultsCsv.ReadBench(path));
    }

    [Theory]
    [InlineData("observed")]
    [InlineData("run_id")]
    [InlineData("detail")]
    public void ResultsCsv_ConformanceColumnRenamed_ThrowsInvalidDataNamingFileAndColumn(string column)
    {
        var path = _dir.File("conformance-renamed.csv");
        ResultsCsv.Write(path, [Sample.Conformance()]);
        var lines = File.ReadAllLines(path);
        lines[0] = string.Join(',', lines[0].Split(',').Select(c => c == column ? c + "_old" : c));
        File.WriteAllLines(path, lines);

        var error = Assert.Throws<InvalidDataException>(() => ResultsCsv.ReadConformance(path));

        Assert.Contains(path, error.Message);
        Assert.Contains($"'{column}'", error.Message);
    }

    [Fact]
    public void ResultsCsv_ConformanceWrittenBeforeVerdictColumns_ReadsAsUnreviewedWithoutParams()
    {
        var path = _dir.File("conformance-old.csv");
        ResultsCsv.Write(path, [Sample.Conformance() with { Verdict = Verdicts.Intended, Params = "{}", VerdictReason = "why" }]);
        var lines = File.ReadAllLines(path).Select(l => string.Join(',', l.Split(',')[..^4])).ToArray();
        Assert.EndsWith(",detail", lines[0]);
        File.WriteAllLines(path, lines);

        var row = Assert.Single(ResultsCsv.ReadConformance(path));

        Assert.Equal(Verdicts.Unreviewed, row.Verdict);
        Assert.Equal("", row.Params);
        Assert.Equal("", row.VerdictReason);
        Assert.Equal(Sample.Conformance().Observed, row.Observed);
    }

    [Fact]
    public void ResultsCsv_WrittenBeforeImageColumn_ReadsWithEmptyImage()
    {
        var conformance = _dir.File("conformance-noimage.csv");
        var bench = _dir.File("bench-noimage.csv");
        ResultsCsv.Write(conformance, [Sample.Conformance() with { Image = "bookworm@0123456789ab" }]);
        ResultsCsv.Write(bench, [Sample.Bench() with { Image = "bookworm@0123456789ab" }]);
        foreach (var path in new[] { conformance, bench })
        {
            var lines = File.ReadAllLines(path).Select(l => string.Join(',', l.Split(',')[..^1])).ToArray();
            Assert.DoesNotContain("image", lines[0]);
            File.WriteAllLines(path, lines);
        }

        Assert.Equal("", Assert.Single(ResultsCsv.ReadConformance(conformance)).Image);
        Assert.Equal("", Assert.Single(ResultsCsv.ReadBench(bench)).Image);
    }

    [Fact]
    public void ResultsCsv_ImageColumn_RoundTrips()
    {
        var path = _dir.File("conformance-image.csv");
        ResultsCsv.Write(path, [Sample.Conformance() with { Image = "sid@0123456789ab" }]);

        Assert.Equal("sid@0123456789ab", Assert.Single(ResultsCsv.ReadConformance(path)).Image);
    }

    [Fact]
    public void ResultsCsv_BenchColumnMissing_ThrowsInvalidDataNamingColumn()
    {
        var path = _dir.File("bench-missing.csv");
        File.WriteAllText(path, BenchHeader.Replace(",p95", "") + "\n");

        var error = Assert.Throws<InvalidDataException>(() => ResultsCsv.ReadBench(path));

        Assert.Contains("'p95'", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void ResultsCsv_UnparsableNumber_ThrowsInvalidDataNamingColumnAndValue()
    {
        var path = _dir.File("conformance-nan.csv");
        ResultsCsv.Write(path, [Sample.Conformance() with { DurationMs = 7.25 }]);
        File.WriteAllText(path, File.ReadAllText(path).Replace(",7.25,", ",fast,"));

        var error = Assert.Throws<InvalidDataException>(() => ResultsCsv.ReadConformance(path));

        Assert.Contains("'duration_ms'", error.Message);
        Assert.Contains("\"fast\"", error.Message);
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void ResultsCsv_ShortRow_ThrowsInvalidDataNamingMissingColumn()
    {
        var path = _dir.File("conformance-short.csv");
        File.WriteAllText(path, ConformanceHeader + "\nrun,2026-11-22T01:46:10Z,host\n");

        var error = Assert.Throws<InvalidDataException>(() => ResultsCsv.ReadConformance(path));

        Assert.Contains("'os'", error.Message);
    }

    [Fact]
    public void ResultsCsv_EmptyFile_ThrowsInvalidDataShowingExpectedHeader()
    {
        var path = _dir.File("conformance-zero.csv");
        File.WriteAllText(path, "");

        var error = Assert.Throws<InvalidDataException>(() => ResultsCsv.ReadConformance(path));

        Assert.Contains(ConformanceHeader, error.Message);
    }

    [Fact]
    public void ResultsCsv_ReadAll_ReadsOnlyMatchingFilesInNameOrder()
    {
        ResultsCsv.Write(_dir.File("conformance-b.csv"), [Sample.Conformance(observed: "b")]);
        ResultsCsv.Write(_dir.File("conformance-a.csv"), [Sample.Conformance(observed: "a1"), Sample.Conformance(observed: "a2")]);
        ResultsCsv.Write(_dir.File("other.csv"), [Sample.Conformance(observed: "ignored")]);
        ResultsCsv.Write(_dir.File("bench-a.csv"), [Sample.Bench()]);

        Assert.Equal(["a1", "a2", "b"], ResultsCsv.ReadAllConformance(_dir.Path).Select(r => r.Observed));
        Assert.Single(ResultsCsv.ReadAllBench(_dir.Path));
    }

    [Fact]
    public void ResultsCsv_ReadAllFromMissingDirectory_ReturnsEmpty()
    {
        var missing = Path.Combine(_dir.Path, "does-not-exist");

        Assert.Empty(ResultsCsv.ReadAllConformance(missing));
        Assert.Empty(ResultsCsv.ReadAllBench(missing));
    }

    [Fact]
    public void ResultsCsv_FileNames_MatchTheReadAllPatterns()
    {
        ResultsCsv.Write(_dir.File(ResultsCsv.ConformanceFileName(Sample.Run.RunId)), [Sample.Conformance()]);
        ResultsCsv.Write(_dir.File(ResultsCsv.BenchFileName(Sample.Run.RunId)), [Sample.Bench()]);

        Assert.Equal("conformance-20261122T014610Z-1a2b3c.csv", ResultsCsv.ConformanceFileName(Sample.Run.RunId));
        Assert.Single(ResultsCsv.ReadAllConformance(_dir.Path));
        Assert.Single(ResultsCsv.ReadAllBench(_dir.Path));
    }

    [Fact]
    public void ResultsCsv_Readme_DocumentsEveryColumn()
    {
        var readme = File.ReadAllText(FindReadme());

        foreach (var column in ResultsCsv.ConformanceColumns.Concat(ResultsCsv.BenchColumns).Concat(ResultsCsv.SampleColumns)
                     .Concat(ResultsCsv.CompareColumns).Concat(ResultsCsv.CalibrationColumns))
            Assert.Contains($"`{column}`", readme);
    }

    private static string FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "lab", "Lab.Results", "README.md");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException("lab/Lab.Results/README.md not found above " + AppContext.BaseDirectory);
    }
}
