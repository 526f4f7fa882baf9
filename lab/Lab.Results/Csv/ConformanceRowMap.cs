using CsvHelper;

namespace Lab.Results.Csv;

/// <summary>
/// The schema of <c>conformance-*.csv</c>, as <see cref="BenchRowMap"/> is that of the bench files: explicit names, the
/// column order of <see cref="ConformanceRow"/>'s declarations; README.md lists the same columns.
/// </summary>
[CsvRecordMap(typeof(ConformanceRow))]
internal sealed partial class ConformanceRowMap
{
    [CsvColumn("run_id")] public string RunId { get; set; } = "";
    [CsvColumn("utc"), CsvConverter(typeof(UtcConverter))] public DateTimeOffset Utc { get; set; }
    [CsvColumn("host")] public string Host { get; set; } = "";
    [CsvColumn("os")] public string Os { get; set; } = "";
    [CsvColumn("runtime")] public string Runtime { get; set; } = "";
    [CsvColumn("subject")] public string Subject { get; set; } = "";
    [CsvColumn("subject_version")] public string SubjectVersion { get; set; } = "";
    [CsvColumn("start_method")] public string StartMethod { get; set; } = "";
    [CsvColumn("scenario")] public string Scenario { get; set; } = "";
    [CsvColumn("area")] public string Area { get; set; } = "";

    /// <summary>An empty field reads back as null: "" and null are the same seed.</summary>
    [CsvColumn("seed"), CsvNullValues("")] public string? Seed { get; set; }

    [CsvColumn("outcome")] public string Outcome { get; set; } = "";
    [CsvColumn("expected")] public string Expected { get; set; } = "";
    [CsvColumn("observed")] public string Observed { get; set; } = "";
    [CsvColumn("duration_ms")] public double DurationMs { get; set; }
    [CsvColumn("detail")] public string Detail { get; set; } = "";

    // Added after the documented prefix; keep them last. Optional on reading, so results written before they existed still
    // render (their rows read as unreviewed, without params): a nightly history is not lost to a schema change.
    [CsvColumn("verdict", Optional = true)] public string Verdict { get; set; } = "";
    [CsvColumn("params", Optional = true), CsvConverter(typeof(ParamsConverter))] public string Params { get; set; } = "";
    [CsvColumn("verdict_reason", Optional = true)] public string VerdictReason { get; set; } = "";
    [CsvColumn("image", Optional = true)] public string Image { get; set; } = "";
}
