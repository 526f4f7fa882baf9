using Lab.Results.Nightly;
using Lab.Scenarios.Benchmarks;
using Lab.Scenarios.Subjects;
using Xunit;

namespace Lab.Scenarios.Tests;

/// <summary>
/// The one real check of the nightly comparison in the suite (the rates are measured by `lab bench --calibrate`, and on
/// seeded synthetic runs in Lab.Results.Tests): spin, measured here, then made three times as costly under the same params,
/// is found by the rule `lab compare` applies. Three times, not the calibration's 1.10 and 1.25: a check that can fail on
/// a loaded machine would be a flaky test, and spin's CPU time moves by a few per cent under load, not by 200 %.
/// </summary>
public class SpinCalibrationTests
{
    private static readonly EngineSubject Engine = new();

    [Fact]
    public void Spin_WorkTripledUnderTheSameParams_IsARegressionOfTheSameSeries()
    {
        var plan = new BenchPlan(Samples: 10, Warmup: 2);
        var baseline = Enumerable.Range(0, 5).Select(i => Run(Spin.OnEngine(Engine, plan), i)).ToList();
        var tripledSeries = Spin.OnEngine(Engine, plan with { Work = 3 });
        var tripled = Run(tripledSeries, 5);

        Assert.Equal(Spin.OnEngine(Engine, plan).Params, tripledSeries.Params);
        var comparison = SeriesComparer.Compare(baseline, tripled, Directions.Of(tripledSeries.Unit), ComparePolicy.Default);
        Assert.True(comparison.Verdict == CompareVerdicts.Regression,
            $"verdict {comparison.Verdict}: baseline median {comparison.BaselineMedian} ms, tripled {comparison.LatestMedian} ms, p {comparison.PValue}, threshold {comparison.Threshold:P1}");
    }

    private static SeriesRun Run(BenchSeries series, int index)
    {
        Assert.All(series.Samples, x => Assert.True(double.IsFinite(x) && x > 0, $"spin sample {x} ms"));
        return new SeriesRun($"run-{index}", DateTimeOffset.UnixEpoch.AddMinutes(index), "", series.Samples);
    }
}
