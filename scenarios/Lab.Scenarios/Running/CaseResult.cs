using Lab.Scenarios.Model;

namespace Lab.Scenarios.Running;

/// <summary>One case of one scenario on one subject under one start method: the record handed to the results stage.</summary>
public sealed record CaseResult(
    Scenario Scenario,
    string Subject,
    string SubjectVersion,
    string StartMethod,
    ScenarioCase Case,
    int? Seed,
    Outcome Outcome,
    string Expected,
    string Observed,
    TimeSpan Duration,
    string Detail,
    string Verdict = "",
    string VerdictReason = "");
