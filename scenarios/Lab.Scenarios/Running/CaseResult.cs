using Lab.Scenarios.Model;

namespace Lab.Scenarios.Running;

/// <summary>One case of one scenario on one subject under one start method: the record handed to the results stage
/// (data only: the scenario by id, the observations typed).</summary>
public sealed record CaseResult(
    string ScenarioId,
    ScenarioKind Kind,
    string Subject,
    SubjectKind SubjectKind,
    string SubjectVersion,
    string StartMethod,
    ScenarioCase Case,
    int? Seed,
    Outcome Outcome,
    Observation Expected,
    Observation Observed,
    TimeSpan Duration,
    string Detail,
    Verdict Verdict = Verdict.None,
    string VerdictReason = "")
{
    public string Area => ScenarioId[..ScenarioId.IndexOf('.')];
}
