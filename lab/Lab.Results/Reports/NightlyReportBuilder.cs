using Lab.Results.Nightly;

namespace Lab.Results;

/// <summary>Builds the nightly parts of the report (<see cref="ChangesReport"/>, <see cref="NightlyReport"/>). Pure and
/// deterministic, like <see cref="ReportBuilder"/>.</summary>
public static class NightlyReportBuilder
{
    public static ChangesReport Changes(IReadOnlyList<SeriesAnalysis> analyses, IReadOnlyList<ConformanceRow> conformance, ComparePolicy policy)
    {
        var newest = analyses.Select(a => a.Latest).OrderByDescending(r => r.Utc).ThenByDescending(r => r.RunId, StringComparer.Ordinal).FirstOrDefault()?.RunId;
        var latest = analyses.Where(a => a.Latest.RunId == newest).ToList();
        List<SeriesAnalysis> With(string verdict) => latest.Where(a => a.Comparison.Verdict == verdict).ToList();
        var steps = latest.Where(a => a.NewStep is not null && !a.Comparison.IsFlagged).ToList();

        var runs = conformance.GroupBy(r => r.RunId, StringComparer.Ordinal)
            .Select(g => (RunId: g.Key, Utc: g.Max(r => r.Utc), Rows: g.ToList()))
            .OrderByDescending(r => r.Utc).ThenByDescending(r => r.RunId, StringComparer.Ordinal)
            .Take(2).ToList();
        IReadOnlyList<ConformanceRow> newFailures = [];
        IReadOnlyList<Divergence> newDivergences = [];
        if (runs.Count > 0)
        {
            var current = runs[0].Rows;
            var previous = runs.Count > 1 ? runs[1].Rows : [];
            // A case is its scenario, subject, start method and params; property scenarios draw a new seed each run.
            var failedBefore = previous.Where(r => Outcomes.IsFailure(r.Outcome)).Select(CaseOf).ToHashSet();
            newFailures = current.Where(r => Outcomes.IsFailure(r.Outcome) && !failedBefore.Contains(CaseOf(r)))
                .OrderBy(r => r.Scenario, StringComparer.Ordinal).ThenBy(r => r.Subject, StringComparer.Ordinal).ThenBy(r => r.StartMethod, StringComparer.Ordinal)
                .ToList();
            var divergentBefore = ReportBuilder.DivergencesOf(previous).Select(d => d.Scenario).ToHashSet(StringComparer.Ordinal);
            newDivergences = ReportBuilder.DivergencesOf(current).Where(d => !divergentBefore.Contains(d.Scenario)).ToList();
        }
        return new ChangesReport(newest, Baseline.PreviousRuns.Describe(policy),
            With(CompareVerdicts.Regression), With(CompareVerdicts.Improvement), With(CompareVerdicts.Changed), steps,
            runs.Count > 0 ? runs[0].RunId : null, runs.Count > 1 ? runs[1].RunId : null, newFailures, newDivergences);
    }

    /// <summary>
    /// A trend for every series seen in at least two of its recent runs, except single points of a sweep (one chart per
    /// chunksize would bury the page; the sweep chart shows them) unless one of them is flagged.
    /// </summary>
    public static NightlyReport Nightly(IReadOnlyList<BenchRow> bench, IReadOnlyList<SeriesAnalysis> analyses, IReadOnlyList<CalibrationRow> calibration, ComparePolicy policy)
    {
        var verdicts = new Dictionary<(SeriesKey, string), string>();
        var steps = new Dictionary<SeriesKey, Step?>();
        foreach (var a in analyses)
        {
            for (var i = 0; i < a.Recent.Count; i++) verdicts[(a.Key, a.Recent[i].RunId)] = a.RecentComparisons[i].Verdict;
            steps[a.Key] = a.Step;
        }
        var trends = new List<TrendSeries>();
        foreach (var series in bench.GroupBy(SeriesKey.Of))
        {
            var points = series.GroupBy(r => r.RunId, StringComparer.Ordinal).Select(g => g.First())
                .OrderByDescending(r => r.Utc).ThenByDescending(r => r.RunId, StringComparer.Ordinal)
                .Take(policy.HistoryRuns)
                .OrderBy(r => r.Utc).ThenBy(r => r.RunId, StringComparer.Ordinal)
                .Select(r => new TrendPoint(r.RunId, r.Utc, r.Commit, r.Median, r.P05, r.P95, r.N, verdicts.GetValueOrDefault((series.Key, r.RunId), "")))
                .ToList();
            var step = steps.GetValueOrDefault(series.Key);
            var flagged = step is not null || points.Any(p => CompareVerdicts.IsFlagged(p.Verdict));
            var sweepPoint = BenchCharts.SweepParameters.Any(p => series.Key.Param(p) is not null);
            if (points.Count < 2 || (sweepPoint && !flagged)) continue;
            trends.Add(new TrendSeries(series.Key, points, step));
        }
        var latestCalibration = calibration.GroupBy(r => r.RunId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Max(r => r.Utc)).ThenByDescending(g => g.Key, StringComparer.Ordinal)
            .FirstOrDefault()?.ToList() ?? [];
        return new NightlyReport(policy, latestCalibration,
            trends.OrderBy(t => t.Key.Benchmark, StringComparer.Ordinal).ThenBy(t => t.Key.Params, StringComparer.Ordinal)
                .ThenBy(t => t.Key.Subject, StringComparer.Ordinal).ThenBy(t => t.Key.StartMethod, StringComparer.Ordinal)
                .ThenBy(t => t.Key.Host, StringComparer.Ordinal).ThenBy(t => t.Key.Os, StringComparer.Ordinal).ToList());
    }

    private static (string Scenario, string Subject, string StartMethod, string Params) CaseOf(ConformanceRow r) => (r.Scenario, r.Subject, r.StartMethod, r.Params);
}
