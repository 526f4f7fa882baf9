using Lab.Scenarios.Model;

namespace Lab.Scenarios.Running;

/// <summary>
/// Where the engine and CPython observe different things for the same case under the same start method, the
/// rows are marked: `intended` when the scenario explains why (e.g. fork is refused on the engine), `defect`
/// otherwise. Defects make `lab run` fail (issue #3).
/// </summary>
public static class DivergenceJudge
{
    public const string Intended = "intended";
    public const string Defect = "defect";

    public static IReadOnlyList<CaseResult> Mark(IReadOnlyList<CaseResult> results)
    {
        var marked = results.ToList();
        var groups = results.Select((r, i) => (r, i))
            .Where(x => x.r.Outcome is not (Outcome.Skip or Outcome.Error))
            .GroupBy(x => (x.r.Scenario.Id, x.r.StartMethod, x.r.Case.ParamsJson, x.r.Seed));
        foreach (var group in groups)
        {
            if (group.Select(x => x.r.Subject).Distinct().Count() < 2) continue;
            if (group.Select(x => x.r.Observed).Distinct().Count() < 2) continue;
            var reason = group.First().r.Scenario.IntendedDivergence;
            foreach (var (r, i) in group) marked[i] = r with { Verdict = reason is null ? Defect : Intended, VerdictReason = reason ?? "" };
        }
        return marked;
    }

    public static bool HasDefects(IEnumerable<CaseResult> results) => results.Any(r => r.Verdict == Defect);
}
