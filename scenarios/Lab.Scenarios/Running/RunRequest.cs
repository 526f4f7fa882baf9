using Lab.Scenarios.Model;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Running;

/// <summary>What to run: scenarios, subjects, optional start-method filter, and the settings (seed, quick).</summary>
public sealed record RunRequest(IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ISubject> Subjects, string? StartMethod, RunSettings Settings);

/// <summary>One planned step: a case of a scenario on a subject under a start method.</summary>
public sealed record PlannedCase(Scenario Scenario, ISubject Subject, string Method, ScenarioCase Case);
