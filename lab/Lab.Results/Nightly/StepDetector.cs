using Perfolizer.Mathematics.Cpd;

namespace Lab.Results.Nightly;

/// <summary>
/// A lasting change of a series' level that began at <paramref name="RunId"/>: the median of the runs from there on
/// against the median of the runs of the segment before (<paramref name="Change"/>, relative). <paramref name="Verdict"/>
/// is a <see cref="CompareVerdicts"/> value, regression, improvement or changed.
/// </summary>
public sealed record Step(string RunId, DateTimeOffset Utc, string Commit, double Change, double PValue, double Threshold, string Verdict, int RunsSince);

/// <summary>
/// Finds where a series' level last changed, so that a slow drift over several nights, none of them over the threshold
/// against its own window, is still reported, with the run where it started. The runs' medians go through Perfolizer's
/// ED-PELT change-point detector (Haynes, Fearnhead &amp; Eckley 2017: nonparametric, so a noisy night does not look like a
/// step), with at least <see cref="ComparePolicy.StepMinRuns"/> runs between change points; the last change point is then
/// held to the rule of a night's comparison (<see cref="SeriesComparer"/>), with runs for samples: the medians of the runs
/// after it against those of the segment before, significant (Mann–Whitney U) and beyond the threshold.
/// </summary>
public static class StepDetector
{
    /// <param name="runs">Oldest first; only the last <see cref="ComparePolicy.HistoryRuns"/> are looked at.</param>
    public static Step? Find(IReadOnlyList<SeriesRun> runs, Direction direction, ComparePolicy policy)
    {
        var recent = runs.Skip(Math.Max(0, runs.Count - policy.HistoryRuns)).ToList();
        var minRuns = Math.Max(1, policy.StepMinRuns);
        if (recent.Count < 2 * minRuns) return null;
        var medians = recent.Select(r => r.Median).ToArray();
        // Indexes of the last run of each segment but the last (Perfolizer's convention).
        var ends = EdPeltChangePointDetector.Instance.GetChangePointIndexes(medians, minRuns);
        if (ends.Length == 0) return null;
        // Segments by change point; consecutive changes of one direction are one drift, which started at the first of them
        // and is measured against the level before it (the ramp of a slow drift is a segment of its own, between two
        // change points, and too noisy a baseline to hold the last level against).
        var starts = new[] { 0 }.Concat(ends.Select(e => e + 1)).ToList();
        var levels = starts.Select((s, i) => SeriesComparer.Median(recent.Skip(s).Take((i + 1 < starts.Count ? starts[i + 1] : recent.Count) - s).Select(r => r.Median).ToArray())).ToList();
        var last = starts.Count - 1;
        var rising = levels[last] > levels[last - 1];
        var first = last;
        while (first > 1 && levels[first - 1] > levels[first - 2] == rising) first--;
        var before = recent.GetRange(starts[first - 1], starts[first] - starts[first - 1]);
        var after = recent.GetRange(starts[last], recent.Count - starts[last]);
        var start = starts[first];

        // The run, not the sample, is the unit here: the detector picked the split that separates the medians best, so a
        // test on pooled samples would find run-to-run noise significant; the medians of the runs on each side are tested
        // instead. The noise of the level before sets the threshold (the runs after may hold the ramp of a drift).
        var beforeMedians = before.Select(r => r.Median).ToArray();
        var afterMedians = after.Select(r => r.Median).ToArray();
        var level = SeriesComparer.Median(beforeMedians);
        if (level <= 0) return null;
        var change = SeriesComparer.Median(afterMedians) / level - 1;
        var threshold = policy.EffectiveThreshold(SeriesComparer.Noise(before), before.Count);
        var p = SeriesComparer.PValue(afterMedians, beforeMedians);
        if (!(p < policy.Alpha) || Math.Abs(change) <= threshold) return null;
        // A ramp with no change point at its foot (a steady drift is one change point in its middle): the drift began after
        // the last run that was still at or beyond the old level.
        while (start - 1 > starts[first - 1] && (rising ? recent[start - 1].Median > level : recent[start - 1].Median < level)) start--;
        var began = recent[start];
        return new Step(began.RunId, began.Utc, began.Commit, change, p, threshold, SeriesComparer.Direct(change, direction), recent.Count - start);
    }
}
