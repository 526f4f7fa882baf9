using FsCheck.Fluent;
using Lab.Scenarios.Model;
using Lab.Scenarios.Running;
using Lab.Scenarios.Support;
using Xunit;

namespace Lab.Scenarios.Tests;

public class RunnerTests
{
    [Fact]
    public void PropertyRunner_FalseProperty_ReportsSeedAndReplayCommand()
    {
        var settings = new RunSettings(12345, Quick: true);
        var property = Prop.ForAll(Gen.Choose(0, 100).ToArbitrary(), n => n < 50);
        var observation = PropertyRunner.Check(property, "demo.false-property", settings, 100);
        Assert.Equal(PropertyRunner.Falsified, observation);
        Assert.Contains("seed: 12345", observation.Detail);
        Assert.Contains("lab run --scenario demo.false-property --seed 12345", observation.Detail);
    }

    [Fact]
    public void PropertyRunner_SameSeed_GeneratesSameCases()
    {
        static List<int> Draw(int seed)
        {
            var seen = new List<int>();
            PropertyRunner.Check(Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), n => { seen.Add(n); return true; }), "demo", new RunSettings(seed, true), 20);
            return seen;
        }
        Assert.Equal(Draw(777), Draw(777));
        Assert.NotEqual(Draw(777), Draw(778));
    }

    private static CaseResult Row(Scenario s, string subject, SubjectKind kind, Observation observed, Outcome outcome = Outcome.Pass) =>
        new(s.Id, s.Kind, subject, kind, "1", "spawn", ScenarioCase.Single("x=1"), null, outcome, "x=1", observed, TimeSpan.Zero, "");

    [Fact]
    public void DivergenceJudge_EngineAgainstPython_IntendedOnlyWithAReason()
    {
        var intended = new Areas.Termination.DaemonDiesWithParentScenario();
        var plain = new Areas.ExitCodes.ReturnScenario();
        Assert.NotNull(intended.IntendedDivergence);
        Assert.Null(plain.IntendedDivergence);
        var marked = DivergenceJudge.Mark([
            Row(intended, "engine", SubjectKind.Engine, "a=1"), Row(intended, "cpython", SubjectKind.Python, "b=1"),
            Row(plain, "engine", SubjectKind.Engine, "exitcode=0"), Row(plain, "cpython", SubjectKind.Python, "exitcode=1"),
        ], [intended, plain]);
        Assert.All(marked.Where(r => r.ScenarioId == intended.Id), r => Assert.Equal(Verdict.Intended, r.Verdict));
        Assert.All(marked.Where(r => r.ScenarioId == plain.Id), r => Assert.Equal(Verdict.Defect, r.Verdict));
        Assert.True(DivergenceJudge.HasDefects(marked));
    }

    [Fact]
    public void DivergenceJudge_TwoPythonsDiffer_IsADefectEvenWhenTheEngineDivergenceIsIntended()
    {
        var intended = new Areas.Termination.DaemonDiesWithParentScenario();
        var marked = DivergenceJudge.Mark([
            Row(intended, "engine", SubjectKind.Engine, "a=1"), Row(intended, "cpython", SubjectKind.Python, "b=1"), Row(intended, "pypy", SubjectKind.Python, "b=2"),
        ], [intended]);
        Assert.All(marked, r => Assert.Equal(Verdict.Defect, r.Verdict));
    }

    [Fact]
    public void DivergenceJudge_DifferenceADeclaredVersionChangePredicts_IsIntendedWithItsReason_OtherwiseADefect()
    {
        var scenario = new Areas.Pool.BadArgumentsScenario();
        var @case = scenario.Cases(new RunSettings(1, true)).Single();
        var change = scenario.VersionChanges.Single();
        var old = change.ObservedAt("3.9.2")!;
        CaseResult Row(string subject, SubjectKind kind, string version, Observation expected, Observation observed) =>
            new(scenario.Id, scenario.Kind, subject, kind, version, "spawn", @case, null,
                scenario.Matches(expected, observed) ? Outcome.Pass : Outcome.Fail, expected, observed, TimeSpan.Zero, "");

        var explained = DivergenceJudge.Mark([
            Row("engine", SubjectKind.Engine, "1.0.0", @case.Expected, @case.Expected),
            Row("cpython", SubjectKind.Python, "3.11.2", @case.Expected, @case.Expected),
            Row("pypy", SubjectKind.Python, "3.9.16", old, old),
        ], [scenario]);
        Assert.NotEqual(@case.Expected, old);
        Assert.All(explained, r => Assert.Equal(Verdict.Intended, r.Verdict));
        Assert.Contains(change.Reason, explained[0].VerdictReason);

        // The old behaviour on a version that should have the new one is not explained by the change.
        var unexplained = DivergenceJudge.Mark([
            Row("engine", SubjectKind.Engine, "1.0.0", @case.Expected, @case.Expected),
            Row("cpython", SubjectKind.Python, "3.11.2", @case.Expected, old),
        ], [scenario]);
        Assert.All(unexplained, r => Assert.Equal(Verdict.Defect, r.Verdict));
    }

    [Fact]
    public void DivergenceJudge_SameObservations_NoVerdict()
    {
        var plain = new Areas.ExitCodes.ReturnScenario();
        var marked = DivergenceJudge.Mark([
            Row(plain, "engine", SubjectKind.Engine, "exitcode=0"), Row(plain, "cpython", SubjectKind.Python, "exitcode=0"), Row(plain, "pypy", SubjectKind.Python, "exitcode=0"),
        ], [plain]);
        Assert.All(marked, r => Assert.Equal(Verdict.None, r.Verdict));
    }

    [Fact]
    public void ScenarioCatalog_Ids_AreUniqueAndNamedByArea()
    {
        var ids = ScenarioCatalog.All.Select(s => s.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // The area is the scenario's folder under Areas/ (its namespace), in kebab case: SharedMemory/ holds shared-memory.*.
        static string Kebab(string name) => System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z])(?=[A-Z])", "-").ToLowerInvariant();
        Assert.All(ScenarioCatalog.All, s => Assert.Equal(Kebab(s.GetType().Namespace!.Split('.')[^1]), s.Area));
        Assert.All(ScenarioCatalog.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Source)));
    }
}
