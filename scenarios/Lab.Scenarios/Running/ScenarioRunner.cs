using System.Diagnostics;
using Lab.Scenarios.Model;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Running;

/// <summary>
/// Runs every case of every scenario on every subject and start method, one at a time (children of different
/// cases never overlap, so a case's observation is its own), then judges the subjects against each other
/// (<see cref="DivergenceJudge"/>). A twin that throws is an `error` row with the exception, never a crash of the run.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>The planned work, so a caller can show progress against a known total.</summary>
    public static IReadOnlyList<PlannedCase> Plan(RunRequest request) =>
    [
        .. from scenario in request.Scenarios
           from subject in request.Subjects
           from method in subject.StartMethods
           where request.StartMethod is null || request.StartMethod == method
           from @case in scenario.Cases(request.Settings)
           select new PlannedCase(scenario, subject, method, @case),
    ];

    /// <summary>What <paramref name="subject"/> should observe: a declared version change, else the scenario's
    /// expectation for its kind of subject, else the case's own.</summary>
    public static Observation Expected(Scenario scenario, ISubject subject, ScenarioCase @case, string method) =>
        scenario.VersionChanges.FirstOrDefault(c => c.AppliesTo(subject.Kind, method))?.ObservedAt(subject.Version)
        ?? scenario.ExpectedOn(subject.Kind, @case, method, subject.Version)
        ?? @case.Expected;

    public static CaseResult RunOne(PlannedCase step, RunSettings settings)
    {
        var (scenario, subject, method, @case) = step;
        var seed = scenario.Kind is ScenarioKind.Property or ScenarioKind.Differential ? settings.Seed : (int?)null;
        var expected = Expected(scenario, subject, @case, method);
        CaseResult Result(Outcome outcome, Observation observed, TimeSpan duration, string detail) =>
            new(scenario.Id, scenario.Kind, subject.Name, subject.Kind, subject.Version, method, @case, seed, outcome, expected, observed, duration, detail);

        var skip = scenario.WithoutTwinOn(subject.Kind) ?? subject.NotApplicable(scenario.TwinId, method);
        if (skip is not null) return Result(Outcome.Skip, Observation.Empty, TimeSpan.Zero, skip);
        var clock = Stopwatch.StartNew();
        try
        {
            var observation = scenario is IPropertyScenario property
                ? property.Check((parameters, budget) => subject.Observe(new CaseCall(scenario.TwinId, parameters, method, budget, settings)),
                    subject.Kind, $"{subject.Name}/{method}", settings)
                : subject.Observe(new CaseCall(scenario.TwinId, @case.Params, method, scenario.Budget, settings));
            var outcome = observation.IsHang ? Outcome.Hang
                : scenario.Kind == ScenarioKind.Differential ? Outcome.Pass // the judge compares the subjects
                : scenario.Matches(expected, observation) ? Outcome.Pass : Outcome.Fail;
            return Result(outcome, observation, clock.Elapsed, observation.Detail);
        }
        catch (Exception e)
        {
            return Result(Outcome.Error, Observation.Empty, clock.Elapsed, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Runs the plan in order (<paramref name="onStep"/> sees each result as it comes) and judges the results.</summary>
    public static IReadOnlyList<CaseResult> Run(RunRequest request, Action<PlannedCase, CaseResult>? onStep = null)
    {
        var results = new List<CaseResult>();
        foreach (var step in Plan(request))
        {
            var result = RunOne(step, request.Settings);
            onStep?.Invoke(step, result);
            results.Add(result);
        }
        return DivergenceJudge.Mark(results, request.Scenarios);
    }
}
