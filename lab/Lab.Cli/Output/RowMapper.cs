using Lab.Results;
using Lab.Scenarios.Model;
using Lab.Scenarios.Running;

namespace Lab.Cli.Output;

/// <summary>The one place where the scenario stage's records become the results stage's rows.</summary>
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
        Scenario = r.Scenario.Id,
        Area = r.Scenario.Area,
        Seed = r.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Outcome = r.Outcome.ToName(),
        Expected = r.Expected,
        Observed = r.Observed,
        DurationMs = Math.Round(r.Duration.TotalMilliseconds, 1),
        Detail = r.Detail,
        Verdict = r.Verdict,
        Params = r.Case.Params.Count == 0 ? "" : r.Case.ParamsJson,
        VerdictReason = r.VerdictReason,
        Image = run.Image,
    };
}
