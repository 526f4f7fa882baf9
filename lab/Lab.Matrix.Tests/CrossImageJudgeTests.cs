using Lab.Matrix.Judging;
using Lab.Results;
using Lab.Scenarios.Model;
using Outcomes = Lab.Results.Outcomes;

namespace Lab.Matrix.Tests;

public sealed class CrossImageJudgeTests
{
    /// <summary>A row as lab run writes it: <paramref name="observed"/> and <paramref name="expected"/> in the short notation,
    /// stored in the CSV's JSON form.</summary>
    private static ConformanceRow Row(string scenario, string subject, string method, string image, string version, string observed,
        string outcome = Outcomes.Pass, string expected = "") => new()
    {
        RunId = "r", Utc = DateTimeOffset.UnixEpoch, Host = "h", Os = image, Runtime = ".NET", Subject = subject, SubjectVersion = version,
        StartMethod = method, Scenario = scenario, Area = scenario.Split('.')[0], Outcome = outcome, Expected = expected.Length == 0 ? "" : Observation.Parse(expected).ToJson(), Observed = Observation.Parse(observed).ToJson(),
        DurationMs = 1, Image = image,
    };

    private static IReadOnlyList<CrossImageObservationRow> Judge(params ConformanceRow[] rows) => CrossImageJudge.Judge("r", rows, ScenarioCatalog.Find);

    [Fact]
    public void CrossImageJudge_DefaultStartMethodChangedIn314_IsIntendedWithTheScenariosReason()
    {
        var rows = Judge(
            Row("start-methods.default", "cpython", "fork", "bookworm@1", "3.11.2", "default=fork"),
            Row("start-methods.default", "cpython", "fork", "sid@4", "3.14.0", "default=forkserver"),
            Row("start-methods.default", "cpython", "fork", "bullseye@0", "3.9.2", "default=fork"));

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(Verdicts.Intended, r.Verdict));
        Assert.All(rows, r => Assert.Equal(1, r.Divergence));
        Assert.Contains("gh-84559", rows[0].Reason);
        Assert.Equal(["bookworm@1", "bullseye@0", "sid@4"], rows.Select(r => r.Image));
        Assert.Equal(ScenarioCatalog.Find("start-methods.default")!.Rule, rows[0].Rule);
        Assert.False(CrossImageJudge.HasDefects(rows));
    }

    [Fact]
    public void CrossImageJudge_ObservationTheDeclarationDoesNotPredict_IsADefect()
    {
        // 3.14 observing fork contradicts the declared change: not explained.
        var rows = Judge(
            Row("start-methods.default", "cpython", "fork", "bookworm@1", "3.11.2", "default=spawn"),
            Row("start-methods.default", "cpython", "fork", "sid@4", "3.14.0", "default=forkserver"));

        Assert.All(rows, r => Assert.Equal(Verdicts.Defect, r.Verdict));
        Assert.True(CrossImageJudge.HasDefects(rows));
    }

    [Fact]
    public void CrossImageJudge_EngineDifferingAcrossImages_IsADefect()
    {
        var rows = Judge(
            Row("exit-codes.return", "engine", "spawn", "bookworm@1", "1.0.0", "exitcode=0"),
            Row("exit-codes.return", "engine", "spawn", "trixie@3", "1.0.0", "exitcode=1", Outcomes.Fail));

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(Verdicts.Defect, r.Verdict));
        Assert.Equal("", rows[0].Reason);
    }

    [Fact]
    public void CrossImageJudge_SameObservationEverywhere_IsNoDivergence()
    {
        Assert.Empty(Judge(
            Row("exit-codes.return", "cpython", "fork", "bookworm@1", "3.11.2", "exitcode=0"),
            Row("exit-codes.return", "cpython", "fork", "sid@4", "3.14.0", "exitcode=0")));
    }

    [Fact]
    public void CrossImageJudge_DifferentMethodsSubjectsOrParams_AreNotCompared()
    {
        Assert.Empty(Judge(
            Row("exit-codes.return", "cpython", "fork", "bookworm@1", "3.11.2", "exitcode=0"),
            Row("exit-codes.return", "cpython", "spawn", "sid@4", "3.14.0", "exitcode=1"),
            Row("exit-codes.return", "engine", "fork", "sid@4", "1.0.0", "exitcode=2"),
            Row("exit-codes.return", "cpython", "fork", "sid@4", "3.14.0", "exitcode=3") with { Params = "{\"code\":3}" }));
    }

    [Fact]
    public void CrossImageJudge_SkipsAndErrorsObserveNothing_ButAHangIsAnObservation()
    {
        Assert.Empty(Judge(
            Row("exit-codes.return", "cpython", "fork", "bookworm@1", "3.11.2", "exitcode=0"),
            Row("exit-codes.return", "cpython", "fork", "sid@4", "3.14.0", "", Outcomes.Error),
            Row("exit-codes.return", "cpython", "fork", "trixie@3", "3.13.5", "", Outcomes.Skip)));

        var hang = Judge(
            Row("exit-codes.return", "cpython", "fork", "bookworm@1", "3.11.2", "exitcode=0"),
            Row("exit-codes.return", "cpython", "fork", "sid@4", "3.14.0", "hang", Outcomes.Hang));
        Assert.All(hang, r => Assert.Equal(Verdicts.Defect, r.Verdict));
        Assert.Equal(2, hang.Count);
    }

    [Fact]
    public void CrossImageJudge_FindingConfirmedWithDifferentFigures_IsNoDivergence()
    {
        // shared-memory.unlocked-counter records how many updates were lost: any total up to 4000 confirms it.
        Assert.Empty(Judge(
            Row("shared-memory.unlocked-counter", "cpython", "fork", "bookworm@1", "3.11.2", "total=3120", expected: "total_at_most=4000"),
            Row("shared-memory.unlocked-counter", "cpython", "fork", "sid@4", "3.14.0", "total=4000", expected: "total_at_most=4000")));
    }

    [Fact]
    public void CrossImageJudge_UnknownScenario_IsADefectWithoutRule()
    {
        var rows = Judge(
            Row("gone.scenario", "cpython", "fork", "bookworm@1", "3.11.2", "x=a"),
            Row("gone.scenario", "cpython", "fork", "sid@4", "3.14.0", "x=b"));

        Assert.All(rows, r => Assert.Equal((Verdicts.Defect, ""), (r.Verdict, r.Rule)));
    }

    [Fact]
    public void CrossImageJudge_SeveralDivergences_AreNumberedInOrder()
    {
        var rows = Judge(
            Row("exit-codes.return", "engine", "spawn", "bookworm@1", "1.0.0", "exitcode=0"),
            Row("exit-codes.return", "engine", "spawn", "sid@4", "1.0.0", "exitcode=1"),
            Row("start-methods.default", "cpython", "fork", "bookworm@1", "3.11.2", "default=fork"),
            Row("start-methods.default", "cpython", "fork", "sid@4", "3.14.0", "default=forkserver"));

        Assert.Equal([1, 1, 2, 2], rows.Select(r => r.Divergence));
        Assert.Equal(["exit-codes.return", "start-methods.default"], rows.Select(r => r.Scenario).Distinct());
    }

    [Theory]
    [InlineData("3.13.5", "3.13.8", -1)]
    [InlineData("3.13.8", "3.13.8", 0)]
    [InlineData("3.14.0", "3.13.8", 1)]
    [InlineData("3.14", "3.14.0", 0)]
    [InlineData("3.14.0rc2", "3.14", 0)]
    [InlineData("3.9.2", "3.10", -1)]
    public void VersionOrder_Compare_NumericComponentByComponent(string a, string b, int sign)
    {
        Assert.Equal(sign, Math.Sign(VersionOrder.Compare(a, b)!.Value));
    }

    [Fact]
    public void VersionChange_ObservedAt_BeforeAndFromTheVersion()
    {
        var change = new VersionChange(SubjectKind.Python, "forkserver", "3.13.8", "v=old", "v=new", "why");

        Assert.Equal("v=old", change.ObservedAt("3.13.5")?.Notation);
        Assert.Equal("v=new", change.ObservedAt("3.14.0")?.Notation);
        Assert.Null(change.ObservedAt("unknown"));
        Assert.True(change.AppliesTo(SubjectKind.Python, "forkserver"));
        Assert.False(change.AppliesTo(SubjectKind.Python, "fork"));
        Assert.False(change.AppliesTo(SubjectKind.Engine, "forkserver"));
    }
}
