namespace Lab.Results.Tests;

public sealed class ReportBuilderTests
{
    private static readonly RunInfo OldRun = Sample.Run with { RunId = "20261121T000000Z-000000", Utc = Sample.Utc.AddDays(-1) };

    [Fact]
    public void ReportBuilder_TwoRuns_ReportsOnlyTheLatest()
    {
        var rows = new[]
        {
            Sample.Conformance(outcome: Outcomes.Fail, run: OldRun),
            Sample.Conformance(),
            Sample.Conformance(scenario: "isolation/globals"),
        };

        var report = ReportBuilder.Build(rows, []).Conformance!;

        Assert.Equal(Sample.Run.RunId, report.Run.RunId);
        Assert.Equal(2, report.Run.RowCount);
        Assert.Equal([new OutcomeCount(Outcomes.Pass, 2)], report.Counts);
        Assert.Empty(report.Failures);
    }

    [Fact]
    public void ReportBuilder_Outcomes_CountedInAttentionOrderWithFailuresListed()
    {
        var rows = new[]
        {
            Sample.Conformance(scenario: "a", outcome: Outcomes.Pass),
            Sample.Conformance(scenario: "b", outcome: Outcomes.Skip),
            Sample.Conformance(scenario: "c", outcome: Outcomes.Hang),
            Sample.Conformance(scenario: "d", outcome: Outcomes.Fail),
            Sample.Conformance(scenario: "e", outcome: Outcomes.Error),
            Sample.Conformance(scenario: "f", outcome: Outcomes.Pass),
        };

        var report = ReportBuilder.Build(rows, []).Conformance!;

        Assert.Equal(
            [new(Outcomes.Fail, 1), new(Outcomes.Error, 1), new(Outcomes.Hang, 1), new(Outcomes.Skip, 1), new OutcomeCount(Outcomes.Pass, 2)],
            report.Counts);
        Assert.Equal(["c", "d", "e"], report.Failures.Select(f => f.Scenario));
    }

    [Fact]
    public void ReportBuilder_Matrix_AlignsCellsWithSubjectMethodColumns()
    {
        var rows = new[]
        {
            Sample.Conformance(scenario: "s1", subject: "engine", startMethod: "spawn"),
            Sample.Conformance(scenario: "s1", subject: "cpython", startMethod: "fork", outcome: Outcomes.Fail),
            Sample.Conformance(scenario: "s1", subject: "cpython", startMethod: "fork"),
            Sample.Conformance(scenario: "s2", subject: "engine", startMethod: "spawn", outcome: Outcomes.Skip),
        };

        var matrix = ReportBuilder.Build(rows, []).Conformance!.Matrix;

        Assert.Equal([new("cpython", "fork"), new MatrixColumn("engine", "spawn")], matrix.Columns);
        Assert.Equal(["s1", "s2"], matrix.Rows.Select(r => r.Scenario));
        var s1 = matrix.Rows[0].Cells;
        Assert.Equal(Outcomes.Fail, s1[0]!.Worst);
        Assert.Equal([new(Outcomes.Fail, 1), new OutcomeCount(Outcomes.Pass, 1)], s1[0]!.Outcomes);
        Assert.Equal(Outcomes.Pass, s1[1]!.Worst);
        Assert.Null(matrix.Rows[1].Cells[0]);
        Assert.Equal(Outcomes.Skip, matrix.Rows[1].Cells[1]!.Worst);
    }

    [Fact]
    public void ReportBuilder_SubjectsObserveDifferentlyOnSameMethod_ListsDivergenceWithVerdict()
    {
        var rows = new[]
        {
            Sample.Conformance(scenario: "exit-codes/sigkill", subject: "engine", observed: "-9"),
            Sample.Conformance(scenario: "exit-codes/sigkill", subject: "cpython", observed: "137") with { Verdict = Verdicts.Defect },
            Sample.Conformance(scenario: "exit-codes/agree", subject: "engine", observed: "0"),
            Sample.Conformance(scenario: "exit-codes/agree", subject: "cpython", observed: "0"),
        };

        var divergence = Assert.Single(ReportBuilder.Build(rows, []).Conformance!.Divergences);

        Assert.Equal("exit-codes/sigkill", divergence.Scenario);
        Assert.Equal(["spawn"], divergence.StartMethods);
        Assert.Equal(Verdicts.Defect, divergence.Verdict);
        Assert.Equal([("cpython", "137"), ("engine", "-9")], divergence.Entries.Select(e => (e.Subject, e.Observed)));
    }

    [Fact]
    public void ReportBuilder_DifferencesOnlyAcrossStartMethods_AreNotDivergences()
    {
        // fork shares parent globals and spawn does not: that difference is the rule, not a divergence.
        var rows = new[]
        {
            Sample.Conformance(scenario: "isolation/globals", subject: "engine", startMethod: "spawn", observed: "fresh"),
            Sample.Conformance(scenario: "isolation/globals", subject: "cpython", startMethod: "spawn", observed: "fresh"),
            Sample.Conformance(scenario: "isolation/globals", subject: "cpython", startMethod: "fork", observed: "inherited"),
        };

        Assert.Empty(ReportBuilder.Build(rows, []).Conformance!.Divergences);
    }

    [Fact]
    public void ReportBuilder_AllDivergentRowsIntended_VerdictIsIntended()
    {
        var rows = new[]
        {
            Sample.Conformance(subject: "engine", startMethod: "fork", observed: "refused") with { Verdict = Verdicts.Intended },
            Sample.Conformance(subject: "cpython", startMethod: "fork", observed: "0") with { Verdict = Verdicts.Intended },
        };

        Assert.Equal(Verdicts.Intended, Assert.Single(ReportBuilder.Build(rows, []).Conformance!.Divergences).Verdict);
    }

    [Fact]
    public void ReportBuilder_SkippedRowObservesNothing_IsNotADivergence()
    {
        var rows = new[]
        {
            Sample.Conformance(subject: "engine", startMethod: "spawn", observed: "passed"),
            Sample.Conformance(subject: "cpython", startMethod: "spawn", observed: "") with { Outcome = Outcomes.Skip },
        };

        Assert.Empty(ReportBuilder.Build(rows, []).Conformance!.Divergences);
    }

    [Fact]
    public void ReportBuilder_OneDivergentCaseAmongAgreeingOnes_ListsOnlyItWithItsVerdict()
    {
        var rows = new[]
        {
            Sample.Conformance(subject: "engine", startMethod: "spawn", observed: "-2") with { Params = "{\"signal\":\"SIGINT\"}", Verdict = Verdicts.Intended },
            Sample.Conformance(subject: "cpython", startMethod: "spawn", observed: "1") with { Params = "{\"signal\":\"SIGINT\"}", Verdict = Verdicts.Intended },
            Sample.Conformance(subject: "engine", startMethod: "spawn", observed: "-15") with { Params = "{\"signal\":\"SIGTERM\"}" },
            Sample.Conformance(subject: "cpython", startMethod: "spawn", observed: "-15") with { Params = "{\"signal\":\"SIGTERM\"}" },
        };

        var divergence = Assert.Single(ReportBuilder.Build(rows, []).Conformance!.Divergences);
        Assert.Equal(Verdicts.Intended, divergence.Verdict);
        Assert.All(divergence.Entries, e => Assert.Contains("SIGINT", e.Params));
    }

    [Fact]
    public void ReportBuilder_IntendedDivergence_CarriesTheScenarioReasonIntoBothReports()
    {
        const string reason = "fork is refused on the engine <by design>";
        var rows = new[]
        {
            Sample.Conformance(subject: "engine", startMethod: "spawn", observed: "a") with { Verdict = Verdicts.Intended, VerdictReason = reason },
            Sample.Conformance(subject: "cpython", startMethod: "spawn", observed: "b") with { Verdict = Verdicts.Intended, VerdictReason = reason },
        };

        var model = ReportBuilder.Build(rows, []);
        Assert.Equal(reason, Assert.Single(model.Conformance!.Divergences).Reason);
        Assert.Contains("fork is refused on the engine &lt;by design&gt;", HtmlReport.Render(model));
        Assert.Contains("Why: " + MarkdownReport.Escape(reason), MarkdownReport.Render(model));
    }

    [Fact]
    public void ReportBuilder_Bench_RatiosAgainstCpythonSpawnOfSameBenchmarkAndParams()
    {
        var rows = new[]
        {
            Sample.Bench(subject: "engine", startMethod: "spawn", median: 30, @params: "chunksize=1"),
            Sample.Bench(subject: "cpython", startMethod: "spawn", median: 10, @params: "chunksize=1"),
            Sample.Bench(subject: "cpython", startMethod: "fork", median: 5, @params: "chunksize=1"),
            Sample.Bench(subject: "engine", startMethod: "spawn", median: 7, @params: "chunksize=8"),
            Sample.Bench(subject: "engine", startMethod: "spawn", median: 99, run: OldRun),
        };

        var bench = ReportBuilder.Build([], rows).Bench!;

        Assert.Equal(("cpython", "spawn"), (bench.ReferenceSubject, bench.ReferenceStartMethod));
        Assert.Equal(Sample.Run.RunId, bench.Run.RunId);
        // Legacy k=v params are held in the JSON form (RowParams).
        Assert.Equal(["""{"chunksize":1}""", """{"chunksize":8}"""], bench.Groups.Select(g => g.Params));
        var withReference = bench.Groups[0].Lines;
        Assert.Equal(
            [("cpython", "fork", 0.5, false), ("cpython", "spawn", 1.0, true), ("engine", "spawn", 3.0, false)],
            withReference.Select(l => (l.Subject, l.StartMethod, l.RatioToReference!.Value, l.IsReference)));
        Assert.Null(Assert.Single(bench.Groups[1].Lines).RatioToReference);
    }

    [Fact]
    public void ReportBuilder_NoRows_GivesNoSections()
    {
        var model = ReportBuilder.Build([], []);

        Assert.Null(model.Conformance);
        Assert.Null(model.Bench);
    }
}
