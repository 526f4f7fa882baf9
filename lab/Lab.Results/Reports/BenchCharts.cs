using System.Globalization;

namespace Lab.Results;

/// <summary>A line chart of the benchmark section: a sweep of one parameter in one run, or a benchmark's trend over runs.</summary>
public sealed record BenchChart(string Title, BenchChartKind Kind, string XTitle, string YTitle, IReadOnlyList<ChartSeries> Series);

public enum BenchChartKind
{
    /// <summary>Median against a numeric parameter (x on a log-2 axis), latest run: e.g. per-task time against chunksize.</summary>
    Sweep,

    /// <summary>Median of each run against the run's time: the nightly history, as asv plots it.</summary>
    Trend,
}

/// <summary>One subject and start method. For a trend, <see cref="ChartPoint.X"/> is the run's time in Unix milliseconds.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<ChartPoint> Points)
{
    /// <summary>The point with the lowest y (for a time or overhead that is the best parameter value).</summary>
    public ChartPoint Lowest => Points.MinBy(p => p.Y)!;
}

public sealed record ChartPoint(double X, double Y);

/// <summary>Derives the charts from bench rows. Pure and deterministic, like <see cref="ReportBuilder"/>.</summary>
internal static class BenchCharts
{
    /// <summary>The parameters a sweep may vary along; a benchmark's rows form a sweep when they differ only in it.</summary>
    public static readonly string[] SweepParameters = ["chunksize"];

    /// <summary>Older runs beyond this many are left out of a trend: a nightly page stays readable.</summary>
    public const int TrendRuns = 30;

    public static List<BenchChart> Sweeps(IReadOnlyList<BenchRow> latestRun)
    {
        var charts = new List<BenchChart>();
        foreach (var parameter in SweepParameters)
        {
            var rows = latestRun.Select(r => (Row: r, Split: Split(r.Params, parameter))).Where(x => x.Split.Value is not null).ToList();
            foreach (var sweep in rows.GroupBy(x => (x.Row.Benchmark, Others: x.Split.Others, x.Row.Unit)).OrderBy(g => g.Key.Benchmark, StringComparer.Ordinal).ThenBy(g => g.Key.Others, StringComparer.Ordinal))
            {
                var series = sweep
                    .Where(x => double.TryParse(x.Split.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0)
                    .GroupBy(x => Label(x.Row))
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new ChartSeries(g.Key, g
                        .Select(x => new ChartPoint(double.Parse(x.Split.Value!, CultureInfo.InvariantCulture), x.Row.Median))
                        .OrderBy(p => p.X).ToList()))
                    .Where(s => s.Points.Count >= 2)
                    .ToList();
                if (series.Count == 0) continue;
                var title = sweep.Key.Benchmark + (sweep.Key.Others.Length > 0 ? $" ({sweep.Key.Others})" : "");
                charts.Add(new BenchChart(title, BenchChartKind.Sweep, parameter, sweep.Key.Unit, series));
            }
        }
        return charts;
    }

    /// <summary>One chart per benchmark and params seen in at least two runs (sweep points excepted: one trend per
    /// swept value would bury the page; their best value is in the sweep chart).</summary>
    public static List<BenchChart> Trends(IReadOnlyList<BenchRow> all)
    {
        var runs = all.GroupBy(r => r.RunId, StringComparer.Ordinal)
            .Select(g => (RunId: g.Key, Utc: g.Max(r => r.Utc)))
            .OrderByDescending(r => r.Utc).ThenByDescending(r => r.RunId, StringComparer.Ordinal)
            .Take(TrendRuns)
            .ToDictionary(r => r.RunId, r => r.Utc, StringComparer.Ordinal);
        var charts = new List<BenchChart>();
        var recent = all.Where(r => runs.ContainsKey(r.RunId) && SweepParameters.All(p => Split(r.Params, p).Value is null));
        foreach (var group in recent.GroupBy(r => (r.Benchmark, r.Params, r.Unit)).OrderBy(g => g.Key.Benchmark, StringComparer.Ordinal).ThenBy(g => g.Key.Params, StringComparer.Ordinal))
        {
            if (group.Select(r => r.RunId).Distinct(StringComparer.Ordinal).Count() < 2) continue;
            var series = group.GroupBy(Label)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ChartSeries(g.Key, g
                    .Select(r => new ChartPoint(runs[r.RunId].ToUnixTimeMilliseconds(), r.Median))
                    .OrderBy(p => p.X).ToList()))
                .ToList();
            var title = group.Key.Benchmark + (group.Key.Params.Length > 0 ? $" ({group.Key.Params})" : "");
            charts.Add(new BenchChart(title, BenchChartKind.Trend, "run (UTC)", group.Key.Unit, series));
        }
        return charts;
    }

    private static string Label(BenchRow r) => $"{r.Subject}/{r.StartMethod}";

    /// <summary>Params are <c>key=value</c> pairs joined by ';' (BenchRow): the value of <paramref name="key"/>, and the
    /// other pairs in their order.</summary>
    internal static (string? Value, string Others) Split(string parameters, string key)
    {
        string? value = null;
        var rest = new List<string>();
        foreach (var pair in parameters.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=');
            if (at > 0 && pair[..at] == key) value = pair[(at + 1)..];
            else rest.Add(pair);
        }
        return (value, string.Join(';', rest));
    }
}
