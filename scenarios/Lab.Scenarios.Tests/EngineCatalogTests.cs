using Lab.Scenarios.Model;
using Lab.Scenarios.Running;
using Lab.Scenarios.Subjects;
using Xunit;

namespace Lab.Scenarios.Tests;

/// <summary>The regression suite: every case of every scenario on the engine, one test each, in the production
/// configuration (no scheduling hooks; the scenarios that need them run in Lab.Systematic.Tests' ScheduledCatalogTests).
/// A failure prints the observation, the seed and the command that replays it (house rule 3).</summary>
public class EngineCatalogTests
{
    /// <summary>LAB_SEED replays a failed run's generated inputs; otherwise each run draws a fresh seed.</summary>
    private static readonly RunSettings Settings = new(
        int.TryParse(Environment.GetEnvironmentVariable("LAB_SEED"), out var seed) ? seed : RunSettings.NewSeed(), Quick: true);

    private static readonly EngineSubject Engine = new();

    /// <summary>The engine on the Native AOT worker host named by LAB_AOT_WORKER_HOST (issue #11), or why not.</summary>
    private static readonly Lazy<(EngineSubject? Subject, string? Reason)> Aot = new(() => (EngineSubject.CreateAot(null, out var why), why));

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var scenario in ScenarioCatalog.All.Where(s => !s.NeedsSchedulingHooks))
            foreach (var @case in scenario.Cases(Settings))
                data.Add(scenario.Id, @case.Label);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Engine_CatalogCase_MatchesRule(string scenarioId, string caseLabel) => Check(Engine, scenarioId, caseLabel);

    /// <summary>The same case with every child on the Native AOT worker (issue #11 §4); skipped, saying why, where the
    /// host is not published.</summary>
    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void EngineAot_CatalogCase_MatchesRule(string scenarioId, string caseLabel)
    {
        Skip.If(Aot.Value.Subject is null, $"the engine-aot subject is not available: {Aot.Value.Reason}");
        Check(Aot.Value.Subject, scenarioId, caseLabel);
    }

    private static void Check(EngineSubject engine, string scenarioId, string caseLabel)
    {
        var scenario = ScenarioCatalog.Find(scenarioId)!;
        var @case = scenario.Cases(Settings).Single(c => c.Label == caseLabel);
        var result = ScenarioRunner.RunOne(new PlannedCase(scenario, engine, "spawn", @case), Settings);
        Assert.True(result.Outcome is Outcome.Pass or Outcome.Skip,
            $"{scenarioId} [{caseLabel}] on {engine.Name}/spawn: {result.Outcome}\n" +
            $"expected: {result.Expected}\nobserved: {result.Observed}\ndetail: {result.Detail}\n" +
            $"seed: {Settings.Seed}\nreplay: lab run --subject {engine.Name} --scenario {scenarioId} --seed {Settings.Seed}  (or LAB_SEED={Settings.Seed} ./run-all.sh test)");
        if (result.Outcome == Outcome.Skip)
            Assert.True(scenario.WithoutTwinOn(SubjectKind.Engine) is not null || scenario.Kind == ScenarioKind.Differential
                        || engine.NotApplicable(scenario.TwinId, "spawn") is not null,
                $"{scenarioId} was skipped on {engine.Name} without a stated reason: {result.Detail}");
    }
}
