using Lab.Scenarios.Model;

namespace Lab.Scenarios.Running;

/// <summary>
/// Judges the subjects against each other, case by case (the same scenario, start method, parameters and seed):
/// <list type="bullet">
/// <item>Where the engine and a Python subject observe different things, the rows are marked `intended` when the
/// scenario explains why (<see cref="Scenario.IntendedDivergence"/>, e.g. fork is refused on the engine), `defect`
/// otherwise; where two Python implementations differ, <see cref="Scenario.IntendedPythonDivergence"/> decides. A
/// difference that a declared <see cref="Scenario.VersionChanges"/> entry predicts (each subject observed what its own
/// version is expected to) is intended, with the change's reason.</item>
/// <item>A differential scenario's case passes when every subject that observed it agrees, and fails on every subject
/// otherwise (a defect); with one subject alone it is skipped: there is nothing to compare.</item>
/// </list>
/// Defects make `lab run` fail (issue #3).
/// </summary>
public static class DivergenceJudge
{
    public static IReadOnlyList<CaseResult> Mark(IReadOnlyList<CaseResult> results, IEnumerable<Scenario> scenarios)
    {
        var byId = scenarios.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First());
        var marked = results.ToList();
        var groups = results.Select((r, i) => (r, i))
            .Where(x => x.r.Outcome is not (Outcome.Skip or Outcome.Error))
            .GroupBy(x => (x.r.ScenarioId, x.r.StartMethod, x.r.Case.ParamsJson, x.r.Seed));
        foreach (var group in groups)
        {
            var rows = group.ToList();
            var scenario = byId[group.Key.ScenarioId];
            if (scenario.Kind == ScenarioKind.Differential)
            {
                JudgeDifferential(rows, marked);
                continue;
            }
            if (rows.Select(x => x.r.Subject).Distinct().Count() < 2) continue;
            if (rows.Select(x => x.r.Observed).Distinct().Count() < 2) continue;
            var reasons = new List<string?>();
            var engine = rows.Where(x => x.r.SubjectKind == SubjectKind.Engine).Select(x => x.r.Observed).Distinct().ToList();
            var python = rows.Where(x => x.r.SubjectKind == SubjectKind.Python).Select(x => x.r.Observed).Distinct().ToList();
            if (python.Count > 1) reasons.Add(scenario.IntendedPythonDivergence);
            if (engine.Count > 0 && python.Count > 0 && engine.Any(e => python.Any(p => p != e))) reasons.Add(scenario.IntendedDivergence);
            if (reasons.Any(r => r is null) && ExplainedByVersions(scenario, rows.Select(x => x.r).ToList()) is { } change)
                reasons = [change];
            var verdict = reasons.Any(r => r is null) ? Verdict.Defect : Verdict.Intended;
            var reason = string.Join(" ", reasons.Where(r => r is not null).Distinct());
            foreach (var (r, i) in rows) marked[i] = r with { Verdict = verdict, VerdictReason = verdict == Verdict.Defect ? "" : reason };
        }
        return marked;
    }

    /// <summary>The reason of the scenario's version change that explains the difference, or null: every subject observed
    /// what it was expected to (each row passed) and the expectations differ only because a declared change makes one
    /// subject's version expect something else (e.g. Python 3.9 accepting <c>maxtasksperchild=0</c> beside the engine and
    /// Python 3.11, which refuse it).</summary>
    private static string? ExplainedByVersions(Scenario scenario, IReadOnlyList<CaseResult> rows)
    {
        if (rows.Any(r => r.Outcome != Outcome.Pass)) return null;
        var changes = scenario.VersionChanges
            .Where(c => rows.Any(r => c.AppliesTo(r.SubjectKind, r.StartMethod) && c.ObservedAt(r.SubjectVersion) == r.Expected && r.Expected != r.Case.Expected))
            .ToList();
        return changes.Count == 0 ? null
            : "Explained by a version change: " + string.Join(" ", changes.Select(c => $"{c.Reason} (before {c.Since}: {c.Before}; from {c.Since}: {c.From})"));
    }

    private static void JudgeDifferential(List<(CaseResult r, int i)> rows, List<CaseResult> marked)
    {
        if (rows.Select(x => x.r.Subject).Distinct().Count() < 2)
        {
            foreach (var (r, i) in rows)
                marked[i] = r with { Outcome = Outcome.Skip, Detail = "a differential case needs two subjects under the same start method; only " + r.Subject + " observed it" };
            return;
        }
        var agree = rows.All(x => !x.r.Observed.IsHang) && rows.Select(x => x.r.Observed).Distinct().Count() == 1;
        if (agree) return;
        var seen = string.Join(" | ", rows.Select(x => $"{x.r.Subject}/{x.r.StartMethod}: {x.r.Observed.Notation}"));
        foreach (var (r, i) in rows)
            marked[i] = r with
            {
                Outcome = r.Outcome == Outcome.Hang ? Outcome.Hang : Outcome.Fail,
                Verdict = Verdict.Defect,
                Detail = $"the subjects disagree on this input: {seen}" + (r.Detail.Length > 0 ? "\n" + r.Detail : ""),
            };
    }

    public static bool HasDefects(IEnumerable<CaseResult> results) => results.Any(r => r.Verdict == Verdict.Defect);
}
