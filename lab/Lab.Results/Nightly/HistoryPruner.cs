namespace Lab.Results.Nightly;

/// <summary>A results file and why `lab history prune` keeps or removes it.</summary>
public sealed record PruneEntry(string Path, bool Keep, string Reason);

/// <summary>
/// Which files of a results history `lab history prune --keep N` removes: a benchmark file (bench-*.csv, samples-*.csv,
/// systematic-*.csv) goes when none of its runs is among the newest N runs of any series it holds, so a benchmark measured
/// only now and then keeps its own history; a file of whole runs (conformance-*.csv, compare-*.csv, calibration-*.csv)
/// goes when its run is not among the newest N runs of its kind. Nothing else in the directory is touched.
/// </summary>
public static class HistoryPruner
{
    public static IReadOnlyList<PruneEntry> Plan(string resultsDir, int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var entries = new List<PruneEntry>();
        // Series files: the runs of each file, and for each series its runs by time.
        var seriesFiles = new List<(string Path, List<(SeriesKey Key, string RunId, DateTimeOffset Utc)> Rows)>();
        foreach (var path in ResultsCsv.FilesIn(resultsDir, ResultsCsv.BenchPattern).Concat(ResultsCsv.FilesIn(resultsDir, ResultsCsv.SystematicPattern)))
            seriesFiles.Add((path, ResultsCsv.ReadBench(path).Select(r => (SeriesKey.Of(r), r.RunId, r.Utc)).ToList()));
        foreach (var path in ResultsCsv.FilesIn(resultsDir, ResultsCsv.SamplesPattern))
            seriesFiles.Add((path, ResultsCsv.ReadSamples(path).Select(r => (SeriesKey.Of(r), r.RunId, r.Utc)).Distinct().ToList()));
        var kept = seriesFiles.SelectMany(f => f.Rows)
            .GroupBy(r => r.Key)
            .SelectMany(series => series.GroupBy(r => r.RunId, StringComparer.Ordinal)
                .Select(run => (RunId: run.Key, Utc: run.Max(r => r.Utc)))
                .OrderByDescending(r => r.Utc).ThenByDescending(r => r.RunId, StringComparer.Ordinal)
                .Take(keep).Select(r => r.RunId))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (path, rows) in seriesFiles)
        {
            var keepFile = rows.Count == 0 || rows.Any(r => kept.Contains(r.RunId));
            entries.Add(new PruneEntry(path, keepFile, keepFile ? $"among the newest {keep} runs of a series" : $"older than the newest {keep} runs of each of its series"));
        }

        entries.AddRange(WholeRuns(ResultsCsv.FilesIn(resultsDir, ResultsCsv.ConformancePattern), p => ResultsCsv.ReadConformance(p).Select(r => r.Utc), keep));
        entries.AddRange(WholeRuns(ResultsCsv.FilesIn(resultsDir, ResultsCsv.ComparePattern), p => ResultsCsv.ReadCompare(p).Select(r => r.Utc), keep));
        entries.AddRange(WholeRuns(ResultsCsv.FilesIn(resultsDir, ResultsCsv.CalibrationPattern), p => ResultsCsv.ReadCalibration(p).Select(r => r.Utc), keep));
        return entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<PruneEntry> WholeRuns(IReadOnlyList<string> files, Func<string, IEnumerable<DateTimeOffset>> times, int keep) =>
        files.Select(path => (Path: path, Utc: times(path).DefaultIfEmpty(DateTimeOffset.MaxValue).Max()))
            .OrderByDescending(f => f.Utc).ThenByDescending(f => f.Path, StringComparer.Ordinal)
            .Select((f, i) => new PruneEntry(f.Path, i < keep, i < keep ? $"among the newest {keep} of its kind" : $"older than the newest {keep} of its kind"));
}
