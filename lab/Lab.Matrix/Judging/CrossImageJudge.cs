using Lab.Results;
using Lab.Scenarios.Model;
using Lab.Scenarios.Subjects;
using Outcomes = Lab.Results.Outcomes;

namespace Lab.Matrix.Judging;

/// <summary>
/// Finds cross-image divergences in a matrix run's conformance rows (issue #11 §5): the same scenario case (params and
/// seed), subject and start method observing different things on different images. A divergence is
/// <see cref="Verdicts.Intended"/> when one of the scenario's <see cref="Scenario.VersionChanges"/> declares, for every
/// image's subject version, exactly the observation made there (its reason goes with it), and
/// <see cref="Verdicts.Defect"/> otherwise: an unexplained difference fails `lab matrix`.
/// Rows that observed nothing (skip, error) are left out; a hang is an observation.
/// </summary>
public static class CrossImageJudge
{
    public static IReadOnlyList<CrossImageObservationRow> Judge(string runId, IEnumerable<ConformanceRow> rows, Func<string, Scenario?> findScenario)
    {
        var result = new List<CrossImageObservationRow>();
        var groups = rows
            .Where(r => r.Image.Length > 0 && r.Outcome is not (Outcomes.Skip or Outcomes.Error))
            .GroupBy(r => (r.Scenario, r.Subject, r.StartMethod, r.Params, Seed: r.Seed ?? ""))
            .OrderBy(g => g.Key.Scenario, StringComparer.Ordinal).ThenBy(g => g.Key.Subject, StringComparer.Ordinal)
            .ThenBy(g => g.Key.StartMethod, StringComparer.Ordinal).ThenBy(g => g.Key.Params, StringComparer.Ordinal).ThenBy(g => g.Key.Seed, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var scenario = findScenario(group.Key.Scenario);
            var byImage = group.GroupBy(r => r.Image).ToList();
            if (byImage.Count < 2) continue;
            if (group.Select(r => Equivalence(scenario, r)).Distinct(StringComparer.Ordinal).Count() < 2) continue;
            var (verdict, reason) = Verdict(scenario, group.ToList());
            var number = result.Count == 0 ? 1 : result[^1].Divergence + 1;
            result.AddRange(group.OrderBy(r => r.Image, StringComparer.Ordinal).Select(r => new CrossImageObservationRow
            {
                RunId = runId,
                Divergence = number,
                Scenario = r.Scenario,
                Area = r.Area,
                Rule = scenario?.Rule ?? "",
                Subject = r.Subject,
                StartMethod = r.StartMethod,
                Params = r.Params,
                Seed = r.Seed,
                Image = r.Image,
                SubjectVersion = r.SubjectVersion,
                Observed = r.Observed,
                Outcome = r.Outcome,
                Verdict = verdict,
                Reason = reason,
            }));
        }
        return result;
    }

    public static bool HasDefects(IEnumerable<CrossImageObservationRow> rows) => rows.Any(r => r.Verdict == Verdicts.Defect);

    /// <summary>What two images must share to agree: the observation itself, except for findings whose observation
    /// varies by nature (e.g. how many unlocked updates were lost): there, confirming the finding is what counts.</summary>
    private static string Equivalence(Scenario? scenario, ConformanceRow row) =>
        scenario is { Kind: ScenarioKind.Finding } && row.Expected.Length > 0 && row.Observed.Length > 0
        && scenario.Matches(Observation.FromJson(row.Expected), Observation.FromJson(row.Observed))
            ? "confirms:" + row.Expected
            : "observed:" + row.Observed;

    private static (string Verdict, string Reason) Verdict(Scenario? scenario, IReadOnlyList<ConformanceRow> rows)
    {
        if (scenario is null) return (Verdicts.Defect, "");
        foreach (var change in scenario.VersionChanges)
        {
            if (rows.All(r => SubjectCatalog.KindOf(r.Subject) is { } kind && change.AppliesTo(kind, r.StartMethod)
                              && change.ObservedAt(r.SubjectVersion)?.ToJson() == r.Observed))
                return (Verdicts.Intended, $"{change.Reason} (before {change.Since}: {change.Before}; from {change.Since}: {change.From})");
        }
        return (Verdicts.Defect, "");
    }
}
