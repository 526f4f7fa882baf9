using Lab.Scenarios.Model;
using Lab.Scenarios.Running;
using Lab.Scenarios.Subjects;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>The catalog's scenarios that attach a scheduler to engine code (<see cref="Scenario.NeedsSchedulingHooks"/>),
/// on the engine, one test per case: they need the hooks this project turns on, where Lab.Scenarios.Tests runs the rest
/// of the catalog in the production configuration.</summary>
public class ScheduledCatalogTests
{
    private static readonly RunSettings Settings = new(
        int.TryParse(Environment.GetEnvironmentVariable("LAB_SEED"), out var seed) ? seed : RunSettings.NewSeed(), Quick: true);

    private static readonly EngineSubject Engine = new();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var scenario in ScenarioCatalog.All.Where(s => s.NeedsSchedulingHooks))
            foreach (var @case in scenario.Cases(Settings))
                data.Add(scenario.Id, @case.Label);
        return data;
    }

    [Fact]
    public void TheCatalog_HasScenariosThatNeedTheHooks() => Assert.NotEmpty(Cases());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Engine_ScheduledCatalogCase_MatchesRule(string scenarioId, string caseLabel)
    {
        var scenario = ScenarioCatalog.Find(scenarioId)!;
        var @case = scenario.Cases(Settings).Single(c => c.Label == caseLabel);
        var result = ScenarioRunner.RunOne(new PlannedCase(scenario, Engine, "spawn", @case), Settings);
        Assert.True(result.Outcome == Outcome.Pass,
            $"{scenarioId} [{caseLabel}] on engine/spawn: {result.Outcome}\nexpected: {result.Expected}\nobserved: {result.Observed}\ndetail: {result.Detail}\n" +
            $"seed: {Settings.Seed}\nreplay: lab run --subject engine --scenario {scenarioId} --seed {Settings.Seed}  (or LAB_SEED={Settings.Seed} ./run-all.sh test)");
    }
}
