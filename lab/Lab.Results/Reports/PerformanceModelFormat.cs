using System.Globalization;

namespace Lab.Results;

/// <summary>The performance model's tables as text cells, shared by the HTML and Markdown reports so both show the same
/// figures: one row per subject/method, one column per size of the sweep, and the threshold.</summary>
public static class PerformanceModelFormat
{
    public static IReadOnlyList<double> Sizes(IReadOnlyList<CrossoverSeries> series) =>
        series.SelectMany(s => s.Points.Select(p => p.Size)).Distinct().Order().ToList();

    public static string[] Headers(CrossoverSpec spec, IReadOnlyList<double> sizes, string threshold) =>
        ["subject/method", .. sizes.Select(x => Size(spec, x)), threshold];

    /// <summary>Task size: the speedup at each size; argument size: "channel / shared-memory" µs per task.</summary>
    public static string[] Row(CrossoverSpec spec, CrossoverSeries series, IReadOnlyList<double> sizes, bool ratios) =>
    [
        series.Label,
        .. sizes.Select(x => series.Points.FirstOrDefault(p => p.Size == x) is { } p
            ? ratios ? ReportFormat.Ratio(p.Ratio) : $"{ReportFormat.Number(p.Baseline)} / {ReportFormat.Number(p.Candidate)}"
            : "–"),
        Threshold(spec, series),
    ];

    /// <summary>"1 ms"; "≤ 10 µs" when the candidate wins at every size; "none up to 16 MiB" when it never does.</summary>
    public static string Threshold(CrossoverSpec spec, CrossoverSeries series) =>
        series.Threshold is not { } t ? $"none up to {Size(spec, series.Points[^1].Size)}"
        : series.WinsThroughout ? $"≤ {Size(spec, t)}"
        : Size(spec, t);

    /// <summary>A size in the sweep's own unit: µs, ms and s for task sizes; B, KiB, MiB, GiB for bytes.</summary>
    public static string Size(CrossoverSpec spec, double x) => spec.SizeParam == "bytes" ? Bytes(x) : Microseconds(x);

    public static string Bytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB"];
        var i = 0;
        while (i < units.Length - 1 && Math.Abs(bytes) >= 1024) { bytes /= 1024; i++; }
        return bytes.ToString("0.##", CultureInfo.InvariantCulture) + " " + units[i];
    }

    public static string Microseconds(double us) =>
        us >= 1e6 ? (us / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " s"
        : us >= 1e3 ? (us / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + " ms"
        : us.ToString("0.##", CultureInfo.InvariantCulture) + " µs";
}
