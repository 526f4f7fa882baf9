using System.Diagnostics;
using Lab.Scenarios.Model;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Running;

/// <summary>
/// Runs every case of every scenario on every subject and start method, one at a time (children of different
/// cases never overlap, so a case's observation is its own). A scenario that throws is an `error` row with the
/// exception, never a crash of the run.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>The planned work, so a caller can show progress against a known total.</summary>
    public static IReadOnlyList<(Scenario Scenario, Subject Subject, string Method, ScenarioCase Case)> Plan(RunRequest request) =>
    [
        .. from scenario in request.Scenarios
           from subject in request.Subjects
           from method in subject.StartMethods
           where request.StartMethod is null || request.StartMethod == method
           from @case in scenario.Cases(request.Settings)
           select (scenario, subject, method, @case),
    ];

    public static CaseResult RunOne(Scenario scenario, Subject subject, string method, ScenarioCase @case, RunSettings settings)
    {
        var seed = scenario.Kind == ScenarioKind.Property ? settings.Seed : (int?)null;
        var expected = subject.Expected(scenario, @case, method);
        var skip = subject.NotApplicable(scenario, method);
        if (skip is not null)
            return new CaseResult(scenario, subject.Name, subject.Version, method, @case, seed, Outcome.Skip, expected, "", TimeSpan.Zero, skip);
        var clock = Stopwatch.StartNew();
        try
        {
            var observation = subject.Observe(scenario, @case, method, settings);
            var outcome = observation.Observed == Observation.Hang ? Outcome.Hang
                : scenario.Matches(expected, observation.Observed) ? Outcome.Pass : Outcome.Fail;
            return new CaseResult(scenario, subject.Name, subject.Version, method, @case, seed, outcome, expected, observation.Observed, clock.Elapsed, observation.Detail);
        }
        catch (Exception e)
        {
            return new CaseResult(scenario, subject.Name, subject.Version, method, @case, seed, Outcome.Error, expected, "", clock.Elapsed, $"{e.GetType().Name}: {e.Message}");
        }
    }

    public static IEnumerable<CaseResult> Run(RunRequest request)
    {
        var results = new List<CaseResult>();
        foreach (var (scenario, subject, method, @case) in Plan(request))
            results.Add(RunOne(scenario, subject, method, @case, request.Settings));
        return DivergenceJudge.Mark(results);
    }
}
