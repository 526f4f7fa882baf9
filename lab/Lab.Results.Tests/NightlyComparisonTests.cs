using Lab.Results.Nightly;

namespace Lab.Results.Tests;

/// <summary>The decision rule of the nightly comparison, on synthetic runs of a noisy machine (<see cref="SyntheticSeries"/>:
/// 1.5 % run-to-run, 3 % within a run, 3 % of samples hit by an interruption): seeded, so every figure is the same on every
/// run of the suite.</summary>
public class NightlyComparisonTests
{
    private static readonly ComparePolicy Policy = ComparePolicy.Default;

    [Fact]
    public void SeriesComparer_InjectedSlowdownOf25Percent_IsARegression()
    {
        var series = new SyntheticSeries(seed: 1);
        var baseline = series.Runs(10);

        var comparison = SeriesComparer.Compare(baseline, series.Run(level: 125), Direction.LowerIsBetter, Policy);

        Assert.Equal(CompareVerdicts.Regression, comparison.Verdict);
        Assert.InRange(comparison.Change!.Value, 0.15, 0.35);
        Assert.True(comparison.PValue < Policy.Alpha);
    }

    [Fact]
    public void SeriesComparer_ThroughputDrop_IsARegressionAndRiseAnImprovement()
    {
        var series = new SyntheticSeries(seed: 2);
        var baseline = series.Runs(10);

        Assert.Equal(CompareVerdicts.Regression, SeriesComparer.Compare(baseline, series.Run(level: 70), Direction.HigherIsBetter, Policy).Verdict);
        Assert.Equal(CompareVerdicts.Improvement, SeriesComparer.Compare(baseline, series.Run(level: 130), Direction.HigherIsBetter, Policy).Verdict);
        Assert.Equal(CompareVerdicts.Changed, SeriesComparer.Compare(baseline, series.Run(level: 130), Direction.Unknown, Policy).Verdict);
    }

    [Fact]
    public void SeriesComparer_SignificantButBelowThreshold_IsNoChange()
    {
        // 3 % slower on every sample of a quiet series: Mann–Whitney is sure, but 3 % is under the 5 % threshold.
        var series = new SyntheticSeries(seed: 3, runToRun: 0.001, withinRun: 0.005, outliers: 0);
        var baseline = series.Runs(10, n: 100);

        var comparison = SeriesComparer.Compare(baseline, series.Run(level: 103, n: 100), Direction.LowerIsBetter, Policy);

        Assert.True(comparison.PValue < 1e-6);
        Assert.Equal(CompareVerdicts.NoChange, comparison.Verdict);
    }

    [Fact]
    public void SeriesComparer_NoisySeries_ThresholdGrowsWithItsRunToRunNoise()
    {
        var quiet = SeriesComparer.Compare(new SyntheticSeries(4, runToRun: 0.005).Runs(10), new SyntheticSeries(5).Run(), Direction.LowerIsBetter, Policy);
        var noisy = SeriesComparer.Compare(new SyntheticSeries(4, runToRun: 0.08).Runs(10), new SyntheticSeries(5).Run(), Direction.LowerIsBetter, Policy);

        Assert.Equal(Policy.Threshold, quiet.Threshold);
        Assert.True(noisy.Threshold > 0.15, $"threshold {noisy.Threshold} for 8 % run-to-run noise");
    }

    [Fact]
    public void SeriesComparer_TwoBaselineRuns_IsTooFewSamples()
    {
        var series = new SyntheticSeries(seed: 6);

        var comparison = SeriesComparer.Compare(series.Runs(2), series.Run(level: 200), Direction.LowerIsBetter, Policy);

        Assert.Equal(CompareVerdicts.TooFewSamples, comparison.Verdict);
        Assert.Null(comparison.PValue);
    }

    [Fact]
    public void Calibration_SameBuildRuns_FalseAlarmRateAtMostOnePercent()
    {
        // 40 series × 20 nights each with a full window before it: 800 A/A comparisons.
        var histories = Enumerable.Range(0, 40).Select(i => History(new SyntheticSeries(100 + i).Runs(30), $"b{i}")).ToList();

        var rate = Calibration.MeasureFalseAlarms(histories, Policy);

        Assert.Equal(800, rate.Trials);
        Assert.True(rate.Met, $"{rate.Flagged} of {rate.Trials} A/A comparisons flagged ({rate.Rate:P1}); goal ≤ 1 %");
    }

    [Theory]
    [InlineData(1.25, 19)]
    [InlineData(1.10, 11)]
    public void Calibration_InjectedSlowdown_FoundInEnoughTrials(double factor, int atLeast)
    {
        // 20 trials: a window of base runs, then one run made slower; each trial on its own series.
        int found = 0;
        for (var trial = 0; trial < 20; trial++)
        {
            var series = new SyntheticSeries(200 + trial);
            var history = History(series.Runs(10), "spin");
            var slowed = History([series.Run(level: 100 * factor)], "spin");
            found += Calibration.MeasurePower([history], [slowed], factor, Policy).Flagged;
        }
        Assert.True(found >= atLeast, $"+{(factor - 1) * 100:0}% found in {found} of 20 trials; goal {atLeast}");
    }

    [Fact]
    public void StepDetector_SlowDriftOverTenNights_FoundWithTheRunWhereItStarted()
    {
        // +0.9 % a night: never 5 % beyond the window of the ten nights before, 9 % in all.
        var series = new SyntheticSeries(seed: 7);
        var runs = series.Runs(10);
        var drift = Enumerable.Range(1, 10).Select(k => series.Run(level: 100 + 0.9 * k)).ToList();
        runs.AddRange(drift);
        runs.AddRange(series.Runs(5, level: 109));

        var step = StepDetector.Find(runs, Direction.LowerIsBetter, Policy);

        Assert.NotNull(step);
        Assert.Equal(CompareVerdicts.Regression, step.Verdict);
        Assert.InRange(runs.FindIndex(r => r.RunId == step.RunId), 9, 14); // near the start of the drift
        Assert.InRange(step.Change, 0.05, 0.15);
        // The nightly comparison notices the drift late, if at all (each night is a little worse than the ten before); the
        // step says where it began.
        var firstFlagged = runs.FindIndex(r => r != runs[0] && SeriesComparer.Compare(runs.TakeWhile(x => x != r).TakeLast(10).ToList(), r, Direction.LowerIsBetter, Policy).IsFlagged);
        Assert.True(firstFlagged < 0 || firstFlagged > runs.FindIndex(r => r.RunId == step.RunId), $"first flagged night {firstFlagged}, step from {step.RunId}");
    }

    [Fact]
    public void StepDetector_SameBuild_FindsNoStep()
    {
        Assert.All(Enumerable.Range(300, 20), seed =>
            Assert.Null(StepDetector.Find(new SyntheticSeries(seed).Runs(30), Direction.LowerIsBetter, Policy)));
    }

    [Theory]
    [InlineData("ms", Direction.LowerIsBetter)]
    [InlineData("ns", Direction.LowerIsBetter)]
    [InlineData("us/task", Direction.LowerIsBetter)]
    [InlineData("KiB", Direction.LowerIsBetter)]
    [InlineData("msgs/s", Direction.HigherIsBetter)]
    [InlineData("GB/s", Direction.HigherIsBetter)]
    [InlineData("chunksize", Direction.Unknown)]
    public void Directions_Unit_GivesWhichWayIsBetter(string unit, Direction expected) => Assert.Equal(expected, Directions.Of(unit));

    [Fact]
    public void NightlyAnalysis_BaselineRun_ComparesWithThatRunOnly()
    {
        var series = new SyntheticSeries(seed: 8);
        var runs = series.Runs(5);
        runs.Add(series.Run(level: 150));

        var byRun = NightlyAnalysis.Analyze(SyntheticRows.Samples(runs), Policy, new Baseline { RunId = runs[0].RunId }).Single();

        Assert.Equal(1, byRun.Comparison.BaselineRuns);
        Assert.Equal(CompareVerdicts.Regression, byRun.Comparison.Verdict);
    }

    [Fact]
    public void SeriesKey_ImageOrParams_MakeDifferentSeries()
    {
        var row = SyntheticRows.Samples([new SyntheticSeries(9).Run()]).First();

        Assert.NotEqual(SeriesKey.Of(row), SeriesKey.Of(row with { Image = "bookworm" }));
        Assert.NotEqual(SeriesKey.Of(row).AnchorId, SeriesKey.Of(row with { Params = "n=100" }).AnchorId);
        Assert.Equal(SeriesKey.Of(row), SeriesKey.Of(row with { Commit = "other", RunId = "other" }));
        Assert.Equal("3", SeriesKey.Of(row).Param("warmup"));
    }

    private static SeriesHistory History(IReadOnlyList<SeriesRun> runs, string benchmark) =>
        SeriesHistory.From(SyntheticRows.Samples(runs, benchmark)).Single();
}
