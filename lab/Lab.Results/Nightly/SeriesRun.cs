namespace Lab.Results.Nightly;

/// <summary>The samples of one series in one run.</summary>
public sealed record SeriesRun(string RunId, DateTimeOffset Utc, string Commit, IReadOnlyList<double> Samples)
{
    private readonly SampleStatistics _stats = SampleStatistics.Of(Samples, nameof(Samples));

    public double Median => _stats.Median;
    public double P05 => _stats.P05;
    public double P95 => _stats.P95;
    public int N => Samples.Count;
}

/// <summary>Every run of one series, oldest first (by time, then run id, which starts with the UTC start time).</summary>
public sealed record SeriesHistory(SeriesKey Key, IReadOnlyList<SeriesRun> Runs)
{
    public Direction Direction => Directions.Of(Key.Unit);

    /// <summary>Groups sample rows into series; a run's samples stay in measured order.</summary>
    public static IReadOnlyList<SeriesHistory> From(IEnumerable<SampleRow> rows) =>
        rows.GroupBy(SeriesKey.Of)
            .Select(series => new SeriesHistory(series.Key, series
                .GroupBy(r => r.RunId, StringComparer.Ordinal)
                .Select(run => new SeriesRun(run.Key, run.Max(r => r.Utc), run.First().Commit, run.OrderBy(r => r.Sample).Select(r => r.Value).ToArray()))
                .OrderBy(r => r.Utc).ThenBy(r => r.RunId, StringComparer.Ordinal)
                .ToList()))
            .OrderBy(h => h.Key.Benchmark, StringComparer.Ordinal).ThenBy(h => h.Key.Params, StringComparer.Ordinal)
            .ThenBy(h => h.Key.Subject, StringComparer.Ordinal).ThenBy(h => h.Key.StartMethod, StringComparer.Ordinal)
            .ThenBy(h => h.Key.Host, StringComparer.Ordinal).ThenBy(h => h.Key.Os, StringComparer.Ordinal)
            .ThenBy(h => h.Key.Image, StringComparer.Ordinal).ThenBy(h => h.Key.Runtime, StringComparer.Ordinal)
            .ThenBy(h => h.Key.SubjectVersion, StringComparer.Ordinal).ThenBy(h => h.Key.Unit, StringComparer.Ordinal)
            .ToList();
}
