using Lab.Scenarios.Areas.Pool;
using Lab.Scenarios.Model;
using Lab.Scenarios.Running;
using Lab.Scenarios.Subjects;
using Xunit;

namespace Lab.Scenarios.Tests;

/// <summary>
/// Issue #6 §7: the pool and forkserver scenarios under the engine's second start method (EngineCatalogTests covers
/// spawn), the pool properties on CPython (a few generated cases, each one driver run), and the intended divergences
/// of the broken-pool scenarios judged as such.
/// </summary>
public class PoolScenarioTests
{
    private static readonly RunSettings Settings = new(
        int.TryParse(Environment.GetEnvironmentVariable("LAB_SEED"), out var seed) ? seed : RunSettings.NewSeed(), Quick: true);

    private static readonly EngineSubject Engine = new();

    private static CpythonSubject Cpython() =>
        CpythonSubject.Create(null, out var reason) ?? throw new InvalidOperationException($"the cpython subject is needed here: {reason}");

    public static TheoryData<string, string> ForkServerCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var scenario in ScenarioCatalog.All.Where(s => s.Area == "pool" || s.Id.StartsWith("start-methods.forkserver-", StringComparison.Ordinal)))
            foreach (var @case in scenario.Cases(Settings))
                data.Add(scenario.Id, @case.Label);
        return data;
    }

    [Theory]
    [MemberData(nameof(ForkServerCases))]
    public void EngineForkServer_PoolAndForkServerCase_MatchesRule(string scenarioId, string caseLabel)
    {
        var scenario = ScenarioCatalog.Find(scenarioId)!;
        var @case = scenario.Cases(Settings).Single(c => c.Label == caseLabel);
        var result = ScenarioRunner.RunOne(new PlannedCase(scenario, Engine, "forkserver", @case), Settings);
        Assert.True(result.Outcome == Outcome.Pass,
            $"{scenarioId} [{caseLabel}] on engine/forkserver: {result.Outcome}\nexpected: {result.Expected}\nobserved: {result.Observed}\n" +
            $"detail: {result.Detail}\nseed: {Settings.Seed}\nreplay: lab run --subject engine --method forkserver --scenario {scenarioId} --seed {Settings.Seed}");
    }

    [Fact]
    public void CpythonFork_PoolProperties_HoldForGeneratedCases()
    {
        var scenario = new PoolPropertyScenario();
        var result = ScenarioRunner.RunOne(new PlannedCase(scenario, Cpython(), "fork", scenario.Cases(Settings).Single()), Settings);
        Assert.True(result.Outcome == Outcome.Pass, $"{result.Outcome}: {result.Observed}\n{result.Detail}");
    }

    [Fact]
    public void PoolInput_FailingMap_ExpectsFirstFailureInInputOrder()
    {
        var input = new PoolInput("map", "raise13", [1, 26, 13, 2], 2, null);
        Assert.Equal("raised=value_error;message=multiple of 13: 26", input.Expected().Notation);
        Assert.True(input.Accepts("raised=value_error;message=multiple of 13: 13", firstFailureOnly: false));
        Assert.False(input.Accepts("raised=value_error;message=multiple of 13: 13", firstFailureOnly: true));
        Assert.False(input.Accepts("result=1,26,13,2", firstFailureOnly: false));
    }

    [Fact]
    public void DivergenceJudge_BrokenPoolScenarios_AreIntendedDivergences()
    {
        var cases = new Scenario[] { new FailingInitializerScenario(), new WorkerKilledDuringMapScenario() }
            .SelectMany(scenario => scenario.Cases(Settings).Select(@case => (scenario, @case)));
        foreach (var (scenario, @case) in cases)
        {
            CaseResult Row(string subject, SubjectKind kind, Observation observed) =>
                new(scenario.Id, scenario.Kind, subject, kind, "1", "spawn", @case, null, Outcome.Pass, observed, observed, TimeSpan.Zero, "");
            var marked = DivergenceJudge.Mark([Row("engine", SubjectKind.Engine, @case.Expected), Row("cpython", SubjectKind.Python, PoolObserve.Blocked)], [scenario]);
            Assert.All(marked, r => Assert.Equal(Verdict.Intended, r.Verdict));
            Assert.Equal("outcome=blocked", scenario.ExpectedOn(SubjectKind.Python, @case, "spawn", "3.11.7")?.Notation);
        }
    }
}
