namespace Lab.Results.Nightly;

/// <summary>
/// One series analysed for the nightly report: its latest run against the baseline, the last step in its level, and,
/// for the trend chart, each recent run against the runs before it (the points a nightly flagged, or would have).
/// </summary>
/// <param name="Recent">The last <see cref="ComparePolicy.HistoryRuns"/> runs, oldest first.</param>
/// <param name="RecentComparisons">Aligned with <paramref name="Recent"/>: each run against the default baseline before it.</param>
/// <param name="NewStep">The series' last step when this run is the one that revealed it: it began within the last
/// <see cref="ComparePolicy.Window"/> runs, and the history without this run showed no step of that direction starting
/// within <see cref="ComparePolicy.StepMinRuns"/> runs of it. A step is news once; the chart keeps showing it.</param>
public sealed record SeriesAnalysis(
    SeriesHistory History,
    SeriesRun Latest,
    Comparison Comparison,
    Step? Step,
    IReadOnlyList<SeriesRun> Recent,
    IReadOnlyList<Comparison> RecentComparisons,
    Step? NewStep)
{
    public SeriesKey Key => History.Key;

    /// <summary>A regression of the latest run, or a recent step that made the series worse.</summary>
    public bool IsRegression => Comparison.Verdict == CompareVerdicts.Regression || NewStep?.Verdict == CompareVerdicts.Regression;

    /// <summary>Anything the morning reader should see: a flagged latest run or a recent step.</summary>
    public bool IsFlagged => Comparison.IsFlagged || NewStep is not null;
}

/// <summary>Samples in, one <see cref="SeriesAnalysis"/> per series out. Pure and deterministic, like <see cref="ReportBuilder"/>.</summary>
public static class NightlyAnalysis
{
    public static IReadOnlyList<SeriesAnalysis> Analyze(IEnumerable<SampleRow> samples, ComparePolicy? policy = null, Baseline? baseline = null) =>
        Analyze(SeriesHistory.From(samples), policy, baseline);

    public static IReadOnlyList<SeriesAnalysis> Analyze(IReadOnlyList<SeriesHistory> histories, ComparePolicy? policy = null, Baseline? baseline = null)
    {
        policy = (policy ?? ComparePolicy.Default).Validated();
        baseline ??= Baseline.PreviousRuns;
        var chosen = baseline.Adjust(policy);
        return histories.Where(h => h.Runs.Count > 0).Select(h => Analyze(h, policy, chosen, baseline)).ToList();
    }

    private static SeriesAnalysis Analyze(SeriesHistory history, ComparePolicy policy, ComparePolicy chosen, Baseline baseline)
    {
        var runs = history.Runs;
        var last = runs.Count - 1;
        var comparison = SeriesComparer.Compare(baseline.For(history, last, chosen), runs[last], history.Direction, chosen, baseline.NoiseFor(history, last, chosen));
        var from = Math.Max(0, runs.Count - policy.HistoryRuns);
        var recent = runs.Skip(from).ToList();
        var recentComparisons = Enumerable.Range(from, recent.Count)
            .Select(i => SeriesComparer.Compare(Baseline.PreviousRuns.For(history, i, policy), runs[i], history.Direction, policy, Baseline.PreviousRuns.NoiseFor(history, i, policy)))
            .ToList();
        var step = StepDetector.Find(runs, history.Direction, policy);
        return new SeriesAnalysis(history, runs[last], comparison, step, recent, recentComparisons, IsNew(step, runs, history.Direction, policy) ? step : null);
    }

    private static bool IsNew(Step? step, IReadOnlyList<SeriesRun> runs, Direction direction, ComparePolicy policy)
    {
        if (step is null || step.RunsSince > policy.Window) return false;
        var before = StepDetector.Find(runs.Take(runs.Count - 1).ToList(), direction, policy);
        if (before is null || Math.Sign(before.Change) != Math.Sign(step.Change)) return true;
        int IndexOf(string runId) => runs.Select((r, i) => (r, i)).First(x => x.r.RunId == runId).i;
        return Math.Abs(IndexOf(before.RunId) - IndexOf(step.RunId)) > policy.StepMinRuns;
    }
}
