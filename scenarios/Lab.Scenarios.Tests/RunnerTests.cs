using FsCheck.Fluent;
using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Running;
using Lab.Scenarios.Support;
using Lab.Scenarios.Subjects;
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
        Assert.Equal(PropertyRunner.Falsified, observation.Observed);
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

    [Fact]
    public void DivergenceJudge_DifferentObservations_MarkedIntendedOrDefect()
    {
        var intended = new Areas.Termination.DaemonDiesWithParentScenario();
        var plain = new Areas.ExitCodes.ReturnScenario();
        var @case = ScenarioCase.Single("x");
        CaseResult Row(Scenario s, string subject, string observed) =>
            new(s, subject, "1", "spawn", @case, null, Outcome.Pass, "x", observed, TimeSpan.Zero, "");
        var marked = DivergenceJudge.Mark([
            Row(intended, "engine", "a"), Row(intended, "cpython", "b"),
            Row(plain, "engine", "exitcode=0"), Row(plain, "cpython", "exitcode=1"),
        ]);
        Assert.All(marked.Where(r => r.Scenario == intended), r => Assert.Equal(DivergenceJudge.Intended, r.Verdict));
        Assert.All(marked.Where(r => r.Scenario == plain), r => Assert.Equal(DivergenceJudge.Defect, r.Verdict));
        Assert.True(DivergenceJudge.HasDefects(marked));
    }

    [Fact]
    public void ScenarioCatalog_Ids_AreUniqueAndNamedByArea()
    {
        var ids = ScenarioCatalog.All.Select(s => s.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var areas = new[] { "isolation", "exit-codes", "termination", "pickling", "start-methods", "pipes", "queues", "shared-memory", "sync", "pool", "systematic" };
        Assert.All(ScenarioCatalog.All, s => Assert.Contains(s.Area, areas));
        Assert.All(ScenarioCatalog.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Source)));
    }
}
