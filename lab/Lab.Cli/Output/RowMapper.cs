using Lab.Results;
using Lab.Scenarios.Model;
using Lab.Scenarios.Running;

namespace Lab.Cli.Output;

/// <summary>The one place where the scenario stage's records become the results stage's rows (and its enums the
/// CSV's words).</summary>
internal static class RowMapper
{
    public static ConformanceRow ToRow(RunInfo run, CaseResult r) => new()
    {
        RunId = run.RunId,
        Utc = run.Utc,
        Host = run.Host,
        Os = run.Os,
        Runtime = run.Runtime,
        Subject = r.Subject,
        SubjectVersion = r.SubjectVersion,
        StartMethod = r.StartMethod,
        Scenario = r.ScenarioId,
        Area = r.Area,
        Seed = r.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Outcome = OutcomeName(r.Outcome),
        Expected = r.Kind == ScenarioKind.Differential ? "" : r.Expected.ToJson(),
        Observed = r.Outcome is Outcome.Skip or Outcome.Error ? "" : r.Observed.ToJson(),
        DurationMs = Math.Round(r.Duration.TotalMilliseconds, 1),
        Detail = r.Detail,
        Verdict = VerdictName(r.Verdict),
        // The canonical form (RowParams: keys in ordinal order, "" for none), as the row reads back from its CSV.
        Params = RowParams.Normalize(r.Case.ParamsJson),
        VerdictReason = r.VerdictReason,
        Image = run.Image,
    };

    public static string OutcomeName(Outcome outcome) => outcome switch
    {
        Outcome.Pass => Outcomes.Pass,
        Outcome.Fail => Outcomes.Fail,
        Outcome.Skip => Outcomes.Skip,
        Outcome.Error => Outcomes.Error,
        Outcome.Hang => Outcomes.Hang,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.None => Verdicts.Unreviewed,
        Verdict.Intended => Verdicts.Intended,
        Verdict.Defect => Verdicts.Defect,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };
}
