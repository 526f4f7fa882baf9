namespace Lab.Results.Nightly;

/// <summary>One measured rate of the nightly comparison: <paramref name="Flagged"/> of <paramref name="Trials"/>, against a
/// goal that the rate must stay at or under (a false-alarm rate) or reach (a detection power).</summary>
public sealed record CalibrationRate(string Check, int Trials, int Flagged, double Goal, bool AtMost)
{
    public double Rate => Trials == 0 ? double.NaN : (double)Flagged / Trials;

    public bool Met => Trials > 0 && (AtMost ? Rate <= Goal : Rate >= Goal);
}

/// <summary>
/// How often <see cref="NightlyAnalysis"/> flags what did not change, and how often it finds what did (issue #12 §3), from
/// runs measured for the purpose (`lab bench --calibrate`) or synthetic ones (the tests).
/// </summary>
public static class Calibration
{
    public const string FalseAlarms = "false-alarm";

    public static string Power(double factor) => $"power+{Math.Round((factor - 1) * 100):0}%";

    /// <summary>
    /// False alarms: every run of every series of <paramref name="sameBuild"/> (runs of one build, so nothing changed) that
    /// has a full window of runs before it is compared with that window, as a nightly would compare it; a run is a false
    /// alarm when its verdict is flagged or a step began within the window (what the morning report would show). Goal: at
    /// most one in a hundred.
    /// </summary>
    public static CalibrationRate MeasureFalseAlarms(IReadOnlyList<SeriesHistory> sameBuild, ComparePolicy policy)
    {
        int trials = 0, flagged = 0;
        foreach (var history in sameBuild)
        {
            for (var i = policy.Window; i < history.Runs.Count; i++)
            {
                var upTo = new SeriesHistory(history.Key, history.Runs.Take(i + 1).ToList());
                var analysis = NightlyAnalysis.Analyze([upTo], policy).Single();
                trials++;
                if (analysis.IsFlagged) flagged++;
            }
        }
        return new CalibrationRate(FalseAlarms, trials, flagged, 0.01, AtMost: true);
    }

    /// <summary>
    /// Detection power: each run of <paramref name="slowed"/> (the same series made slower by <paramref name="factor"/>) is
    /// compared with the last window of runs of <paramref name="sameBuild"/> measured before it; found when the verdict is
    /// a regression. Goals (issue #12): +25 % found in 19 of 20 trials, +10 % in most.
    /// </summary>
    public static CalibrationRate MeasurePower(IReadOnlyList<SeriesHistory> sameBuild, IReadOnlyList<SeriesHistory> slowed, double factor, ComparePolicy policy)
    {
        var bases = sameBuild.ToDictionary(h => h.Key);
        int trials = 0, found = 0;
        foreach (var history in slowed)
        {
            if (!bases.TryGetValue(history.Key, out var baseHistory)) continue;
            foreach (var run in history.Runs)
            {
                var before = baseHistory.Runs.Where(r => r.Utc < run.Utc || (r.Utc == run.Utc && string.CompareOrdinal(r.RunId, run.RunId) < 0)).ToList();
                var window = before.Skip(Math.Max(0, before.Count - policy.Window)).ToList();
                var noise = before.Skip(Math.Max(0, before.Count - policy.HistoryRuns)).ToList();
                trials++;
                if (SeriesComparer.Compare(window, run, history.Direction, policy, noise).Verdict == CompareVerdicts.Regression) found++;
            }
        }
        return new CalibrationRate(Power(factor), trials, found, factor >= 1.25 ? 0.95 : 0.5, AtMost: false);
    }
}
