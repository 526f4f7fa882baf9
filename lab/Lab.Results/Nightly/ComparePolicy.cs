using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Lab.Results.Nightly;

/// <summary>
/// When a difference between a run and its baseline counts as a change. A change is flagged only when it is both
/// statistically significant (Mann–Whitney U on the raw samples, p &lt; <see cref="Alpha"/>) and larger than
/// <see cref="EffectiveThreshold"/>: the relative <see cref="Threshold"/>, or the series' own run-to-run noise if that is
/// larger. Significance alone is not enough on a shared machine: with twenty samples a side, Mann–Whitney finds the few
/// per cent by which two runs of one build differ (the machine's load, where the code landed in memory), because samples
/// of one run are not independent of each other; the run is the unit of that noise. So the noise is measured on runs:
/// the spread of the previous runs' medians, and a change must leave their prediction interval
/// (<see cref="NoiseCoverage"/>, Student's t). The figures this gives on this lab's machines are in
/// lab/Lab.Results/README.md (`lab bench --calibrate`).
/// </summary>
public sealed record ComparePolicy
{
    public static ComparePolicy Default { get; } = new();

    /// <summary>How many previous runs of a series form the default baseline.</summary>
    public int Window { get; init; } = 10;

    /// <summary>The smallest relative change that is ever flagged (0.05 = 5 %).</summary>
    public double Threshold { get; init; } = 0.05;

    /// <summary>Significance level of the Mann–Whitney test (two-sided).</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>Coverage of the two-sided prediction interval of a new run's median, from the previous runs' medians
    /// (normal, Student's t with runs − 1 degrees of freedom): a run of an unchanged build leaves it one time in a hundred.</summary>
    public double NoiseCoverage { get; init; } = 0.99;

    /// <summary>Fewer baseline runs than this, and the run-to-run noise cannot be estimated: "too few samples".</summary>
    public int MinBaselineRuns { get; init; } = 3;

    /// <summary>Fewer samples than this on either side, and the test has no power: "too few samples".</summary>
    public int MinSamples { get; init; } = 5;

    /// <summary>A step (<see cref="StepDetector"/>) needs at least this many runs on each side of it.</summary>
    public int StepMinRuns { get; init; } = 3;

    /// <summary>How many recent runs the run-to-run noise, the step detector and the trend charts look at.</summary>
    public int HistoryRuns { get; init; } = 30;

    /// <summary>The threshold a change must exceed, given the run-to-run noise (relative standard deviation of run medians)
    /// measured on <paramref name="runs"/> runs: the half-width of their prediction interval, t × noise × √(1 + 1/runs).</summary>
    public double EffectiveThreshold(double noise, int runs) =>
        runs < 2 ? Threshold : Math.Max(Threshold, NoiseMultiplier(runs) * noise);

    /// <summary>t(1 − (1 − coverage)/2, runs − 1) × √(1 + 1/runs): 3.4 for ten runs, 2.8 for thirty.</summary>
    public double NoiseMultiplier(int runs) =>
        new StudentDistribution(runs - 1).Quantile(1 - (1 - NoiseCoverage) / 2) * Math.Sqrt(1 + 1.0 / runs);

    /// <exception cref="ArgumentException">A value out of its range, named.</exception>
    public ComparePolicy Validated()
    {
        if (Window < 1) throw new ArgumentException($"the baseline window must be at least 1 run (got {Window})");
        if (Threshold is < 0 or >= 10 || !double.IsFinite(Threshold)) throw new ArgumentException($"the threshold must be a fraction in [0, 10) (got {Threshold})");
        if (Alpha is <= 0 or >= 1) throw new ArgumentException($"alpha must be in (0, 1) (got {Alpha})");
        if (NoiseCoverage is <= 0 or >= 1) throw new ArgumentException($"the noise coverage must be in (0, 1) (got {NoiseCoverage})");
        return this;
    }
}
