using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;

namespace Lab.Results.Nightly;

/// <summary>
/// The decision on one run against its baseline (<see cref="SeriesComparer"/>). <paramref name="Change"/> is the latest
/// median over the baseline median, minus one (+0.12 = 12 % higher), null when the baseline median is not positive (a
/// relative change means nothing there). <paramref name="PValue"/> is that of the two-sided Mann–Whitney U test of the
/// latest samples against the pooled baseline samples, null when it was not run.
/// </summary>
public sealed record Comparison(
    string Verdict,
    double? BaselineMedian,
    double LatestMedian,
    double? Change,
    double? PValue,
    double Threshold,
    double Noise,
    int BaselineRuns,
    int BaselineN,
    int LatestN)
{
    public bool IsFlagged => CompareVerdicts.IsFlagged(Verdict);
}

/// <summary>
/// Decides whether a run of a series changed against a baseline of earlier runs, as the nightly tools that do this well
/// decide it (BenchmarkDotNet's statistical test column, asv's compare, Perfolizer's own): on raw samples, significance
/// and effect size together. See <see cref="ComparePolicy"/> for the rule and why it has both parts.
/// </summary>
public static class SeriesComparer
{
    /// <param name="baseline">The runs compared with: their pooled samples make the baseline median and the test's other side.</param>
    /// <param name="noiseRuns">The runs whose medians' spread is the run-to-run noise (more runs than the baseline estimate it
    /// better); the baseline's when null.</param>
    public static Comparison Compare(IReadOnlyList<SeriesRun> baseline, SeriesRun latest, Direction direction, ComparePolicy policy, IReadOnlyList<SeriesRun>? noiseRuns = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(latest);
        noiseRuns ??= baseline;
        var pooled = baseline.SelectMany(r => r.Samples).ToArray();
        double? baselineMedian = pooled.Length > 0 ? Median(pooled) : null;
        var noise = Noise(noiseRuns);
        var threshold = policy.EffectiveThreshold(noise, noiseRuns.Count);
        double? change = baselineMedian is > 0 ? latest.Median / baselineMedian.Value - 1 : null;
        if (baseline.Count < policy.MinBaselineRuns || pooled.Length < policy.MinSamples || latest.N < policy.MinSamples)
            return new Comparison(CompareVerdicts.TooFewSamples, baselineMedian, latest.Median, change, null, threshold, noise, baseline.Count, pooled.Length, latest.N);

        var p = PValue(latest.Samples, pooled);
        var verdict = change is { } c && p < policy.Alpha && Math.Abs(c) > threshold ? Direct(c, direction) : CompareVerdicts.NoChange;
        return new Comparison(verdict, baselineMedian, latest.Median, change, p, threshold, noise, baseline.Count, pooled.Length, latest.N);
    }

    /// <summary>Two-sided Mann–Whitney U (Perfolizer: exact for small samples, Edgeworth's approximation beyond).</summary>
    public static double PValue(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        MannWhitneyTest.Instance.Perform(new Sample(x.ToArray()), new Sample(y.ToArray()), AlternativeHypothesis.TwoSides, Threshold.Zero).PValue;

    /// <summary>
    /// The series' own run-to-run noise, as a relative spread of the runs' medians (0.04 is about 4 %): of their logarithms,
    /// the median absolute deviation scaled to a standard deviation (× 1.4826), so that one run of a loaded machine among
    /// thirty does not widen the threshold for a month; but at least half their standard deviation, so that runs sitting
    /// on two levels (a median deviation of nearly zero) do not make it vanish. 0 for fewer than two runs or a median that
    /// is not positive.
    /// </summary>
    public static double Noise(IReadOnlyList<SeriesRun> runs)
    {
        if (runs.Count < 2 || runs.Any(r => r.Median <= 0)) return 0;
        var logs = runs.Select(r => Math.Log(r.Median)).ToArray();
        var mean = logs.Average();
        var sd = Math.Sqrt(logs.Sum(x => (x - mean) * (x - mean)) / (logs.Length - 1));
        var center = Median(logs);
        var mad = 1.4826 * Median(logs.Select(x => Math.Abs(x - center)).ToArray());
        return Math.Max(mad, sd / 2);
    }

    /// <summary>The verdict of a significant, large relative change in a unit that goes <paramref name="direction"/>.</summary>
    public static string Direct(double change, Direction direction) => direction switch
    {
        Direction.LowerIsBetter => change > 0 ? CompareVerdicts.Regression : CompareVerdicts.Improvement,
        Direction.HigherIsBetter => change < 0 ? CompareVerdicts.Regression : CompareVerdicts.Improvement,
        _ => CompareVerdicts.Changed,
    };

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return SampleStatistics.Percentile(sorted, 0.5);
    }
}
