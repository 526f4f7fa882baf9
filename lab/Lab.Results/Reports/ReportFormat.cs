using System.Globalization;

namespace Lab.Results;

/// <summary>Number, time and cell text shared by the HTML and Markdown reports, so both show the same figures.</summary>
internal static class ReportFormat
{
    public static string Number(double value)
    {
        var abs = Math.Abs(value);
        var format = !double.IsFinite(value) || abs == 0 ? "G"
            : abs >= 100 ? "0.#"
            : abs >= 1 ? "0.###"
            : "G4";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A relative change as a signed percentage: 0.123 → "+12.3%".</summary>
    public static string Signed(double fraction) =>
        (fraction >= 0 ? "+" : "") + (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string PValue(double p) => p < 0.0001 ? "< 0.0001" : p.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>The first 12 hex digits of a commit, as git abbreviates enough to be unique in a large repository.</summary>
    public static string ShortCommit(string commit) => commit.Length > 12 ? commit[..12] : commit;

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Ratio(double? ratio) =>
        ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";

    public static string Utc(DateTimeOffset utc) =>
        utc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Percent(double fraction) =>
        (Math.Clamp(fraction, 0, 1) * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>"pass" for one pass; "pass×3 fail×1" when a cell holds several rows.</summary>
    public static string Cell(MatrixCell cell) =>
        cell.Outcomes is [{ Count: 1 } only] ? only.Outcome
            : string.Join(" ", cell.Outcomes.Select(o => $"{o.Outcome}×{o.Count}"));

    public static string Verdict(string verdict) => verdict.Length == 0 ? "unreviewed" : verdict;

    public static string Subjects(RunHeader run) =>
        string.Join(", ", run.Subjects.Select(s => s.Version.Length == 0 ? s.Subject : $"{s.Subject} {s.Version}"));
}
