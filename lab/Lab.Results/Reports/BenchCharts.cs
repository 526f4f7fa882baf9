using System.Globalization;

namespace Lab.Results;

/// <summary>A line chart of the benchmark section: a sweep of one parameter in one run (the trends over runs are the
/// nightly section's, <see cref="TrendSeries"/>).</summary>
public sealed record BenchChart(string Title, BenchChartKind Kind, string XTitle, string YTitle, IReadOnlyList<ChartSeries> Series);

public enum BenchChartKind
{
    /// <summary>Median against a numeric parameter (x on a log-2 axis), latest run: e.g. per-task time against chunksize.</summary>
    Sweep,
}

/// <summary>One subject and start method.</summary>
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
                var title = sweep.Key.Benchmark + (sweep.Key.Others.Length > 0 ? $" ({RowParams.Display(sweep.Key.Others)})" : "");
                charts.Add(new BenchChart(title, BenchChartKind.Sweep, parameter, sweep.Key.Unit, series));
            }
        }
        return charts;
    }

    private static string Label(BenchRow r) => $"{r.Subject}/{r.StartMethod}";

    /// <summary>The value of <paramref name="key"/> in the params (<see cref="RowParams"/>) and the params without it.</summary>
    internal static (string? Value, string Others) Split(string parameters, string key) =>
        (RowParams.Get(parameters, key), RowParams.Without(parameters, key));
}
