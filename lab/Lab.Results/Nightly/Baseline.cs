namespace Lab.Results.Nightly;

/// <summary>
/// What a series' latest run is compared with. By default the previous <see cref="ComparePolicy.Window"/> runs of the same
/// series; or one named run (<c>lab compare --baseline RUN_ID</c>); or the last runs of the same series in another
/// history (<c>--baseline-dir DIR</c>, e.g. the results of a release).
/// </summary>
public sealed record Baseline
{
    public static Baseline PreviousRuns { get; } = new();

    /// <summary>Only this run's samples of the same series.</summary>
    public string? RunId { get; init; }

    /// <summary>The series of another history; the same series' last runs there.</summary>
    public IReadOnlyDictionary<SeriesKey, SeriesHistory>? Other { get; init; }

    public string Describe(ComparePolicy policy) =>
        RunId is not null ? $"run {RunId}"
        : Other is not null ? $"the last {policy.Window} runs of each series in another history"
        : $"the previous {policy.Window} runs of each series";

    /// <summary>The baseline runs for run <paramref name="index"/> of <paramref name="history"/>, oldest first.</summary>
    public IReadOnlyList<SeriesRun> For(SeriesHistory history, int index, ComparePolicy policy)
    {
        if (RunId is not null)
            return history.Runs.Where(r => r.RunId == RunId && !ReferenceEquals(r, history.Runs[index])).ToList();
        if (Other is not null)
        {
            if (!Other.TryGetValue(history.Key, out var other)) return [];
            return other.Runs.Skip(Math.Max(0, other.Runs.Count - policy.Window)).ToList();
        }
        var from = Math.Max(0, index - policy.Window);
        return history.Runs.Skip(from).Take(index - from).ToList();
    }

    /// <summary>The runs whose spread measures the run-to-run noise for run <paramref name="index"/>: the previous
    /// <see cref="ComparePolicy.HistoryRuns"/> runs (a longer history than the baseline window estimates the spread better),
    /// the other history's last as many, or none for a single named run (the threshold alone applies).</summary>
    public IReadOnlyList<SeriesRun> NoiseFor(SeriesHistory history, int index, ComparePolicy policy)
    {
        if (RunId is not null) return [];
        if (Other is not null)
            return Other.TryGetValue(history.Key, out var other) ? other.Runs.Skip(Math.Max(0, other.Runs.Count - policy.HistoryRuns)).ToList() : [];
        var from = Math.Max(0, index - policy.HistoryRuns);
        return history.Runs.Skip(from).Take(index - from).ToList();
    }

    /// <summary>A named run or another history is a deliberate choice: one run is enough to compare with (its noise is
    /// unknown, so the threshold alone applies).</summary>
    public ComparePolicy Adjust(ComparePolicy policy) => RunId is not null || Other is not null ? policy with { MinBaselineRuns = 1 } : policy;
}
