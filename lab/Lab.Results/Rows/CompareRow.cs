using Lab.Results.Nightly;

namespace Lab.Results;

/// <summary>
/// The verdict on one series' latest run: a line of <c>compare-*.csv</c>, written by `lab compare`. Percentages are
/// relative changes × 100 (+12.5 = 12.5 % higher than the baseline); an empty figure was not computable (no baseline, a
/// baseline median of zero, a test not run).
/// </summary>
public sealed record CompareRow
{
    /// <summary>The `lab compare` invocation.</summary>
    public required string RunId { get; init; }

    public required DateTimeOffset Utc { get; init; }
    public required string Host { get; init; }
    public required string Os { get; init; }
    public string Image { get; init => field = value ?? ""; } = "";
    public required string Runtime { get; init; }
    public required string Subject { get; init; }
    public required string SubjectVersion { get; init; }
    public required string StartMethod { get; init; }
    public required string Benchmark { get; init; }
    public string Params { get; init => field = value ?? ""; } = "";
    public required string Unit { get; init; }

    /// <summary><c>lower</c> or <c>higher</c> is better, or <c>unknown</c>.</summary>
    public required string Better { get; init; }

    /// <summary>The series' latest run, the one judged.</summary>
    public required string LatestRunId { get; init; }

    public string Commit { get; init => field = value ?? ""; } = "";
    public required string Baseline { get; init; }
    public required int BaselineRuns { get; init; }
    public required int BaselineN { get; init; }
    public required int LatestN { get; init; }
    public double? BaselineMedian { get; init; }
    public required double LatestMedian { get; init; }
    public double? ChangePct { get; init; }
    public double? PValue { get; init; }
    public required double ThresholdPct { get; init; }
    public required double NoisePct { get; init; }

    /// <summary>One of <see cref="CompareVerdicts"/>.</summary>
    public required string Verdict { get; init; }

    /// <summary>Where the series' last lasting change of level began (<see cref="StepDetector"/>), if it found one.</summary>
    public string StepRunId { get; init => field = value ?? ""; } = "";

    public string StepCommit { get; init => field = value ?? ""; } = "";
    public double? StepChangePct { get; init; }
    public string StepVerdict { get; init => field = value ?? ""; } = "";

    public static CompareRow From(RunInfo run, SeriesAnalysis a, string baseline)
    {
        var key = a.Key;
        var c = a.Comparison;
        return new CompareRow
        {
            RunId = run.RunId,
            Utc = run.Utc,
            Host = key.Host,
            Os = key.Os,
            Image = key.Image,
            Runtime = key.Runtime,
            Subject = key.Subject,
            SubjectVersion = key.SubjectVersion,
            StartMethod = key.StartMethod,
            Benchmark = key.Benchmark,
            Params = key.Params,
            Unit = key.Unit,
            Better = a.History.Direction switch { Direction.LowerIsBetter => "lower", Direction.HigherIsBetter => "higher", _ => "unknown" },
            LatestRunId = a.Latest.RunId,
            Commit = a.Latest.Commit,
            Baseline = baseline,
            BaselineRuns = c.BaselineRuns,
            BaselineN = c.BaselineN,
            LatestN = c.LatestN,
            BaselineMedian = c.BaselineMedian,
            LatestMedian = c.LatestMedian,
            ChangePct = c.Change * 100,
            PValue = c.PValue,
            ThresholdPct = c.Threshold * 100,
            NoisePct = c.Noise * 100,
            Verdict = c.Verdict,
            StepRunId = a.Step?.RunId ?? "",
            StepCommit = a.Step?.Commit ?? "",
            StepChangePct = a.Step?.Change * 100,
            StepVerdict = a.Step?.Verdict ?? "",
        };
    }
}
