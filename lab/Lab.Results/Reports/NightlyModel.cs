using Lab.Results.Nightly;

namespace Lab.Results;

/// <summary>
/// The top of the report, for the person who reads it in the morning: what changed since the last run. Benchmarks: the
/// series whose latest run is the newest bench run, flagged against their baseline, and the steps that began within the
/// baseline window. Conformance: failures and divergences of the newest conformance run that the run before did not have.
/// </summary>
public sealed record ChangesReport(
    string? BenchRunId,
    string BaselineDescription,
    IReadOnlyList<SeriesAnalysis> Regressions,
    IReadOnlyList<SeriesAnalysis> Improvements,
    IReadOnlyList<SeriesAnalysis> Changed,
    IReadOnlyList<SeriesAnalysis> Steps,
    string? ConformanceRunId,
    string? PreviousConformanceRunId,
    IReadOnlyList<ConformanceRow> NewFailures,
    IReadOnlyList<Divergence> NewDivergences)
{
    public bool NothingChanged => Regressions.Count + Improvements.Count + Changed.Count + Steps.Count + NewFailures.Count + NewDivergences.Count == 0;
}

/// <summary>One series' trend: its recent runs (from the bench summaries, so runs older than the samples files still show),
/// each with the verdict it got against the runs before it when its samples were kept.</summary>
public sealed record TrendSeries(SeriesKey Key, IReadOnlyList<TrendPoint> Points, Step? Step)
{
    /// <summary>The HTML id of the series' chart, which the changes section links to.</summary>
    public string AnchorId => Key.AnchorId;
}

/// <param name="Verdict">A <see cref="CompareVerdicts"/> value, or "" when the run's samples were not kept.</param>
public sealed record TrendPoint(string RunId, DateTimeOffset Utc, string Commit, double Median, double P05, double P95, int N, string Verdict);

/// <summary>The report's nightly section: the calibration of the comparison and a trend per series.</summary>
public sealed record NightlyReport(ComparePolicy Policy, IReadOnlyList<CalibrationRow> Calibration, IReadOnlyList<TrendSeries> Trends);
