using CsvHelper;

namespace Lab.Results.Csv;

/// <summary>The schema of a matrix run's <c>cells.csv</c> (README.md in this project lists the columns), as
/// <see cref="BenchRowMap"/> is that of the bench files: the column order is <see cref="CellRow"/>'s declaration order.</summary>
[CsvRecordMap(typeof(CellRow))]
internal sealed partial class CellRowMap
{
    [CsvColumn("run_id")] public string RunId { get; set; } = "";
    [CsvColumn("image")] public string Image { get; set; } = "";
    [CsvColumn("subjects")] public string Subjects { get; set; } = "";
    [CsvColumn("engine")] public string Engine { get; set; } = "";
    [CsvColumn("outcome")] public string Outcome { get; set; } = "";
    [CsvColumn("utc"), CsvConverter(typeof(UtcConverter))] public DateTimeOffset Utc { get; set; }
    [CsvColumn("duration_s")] public double DurationS { get; set; }
    [CsvColumn("run_exit")] public string RunExit { get; set; } = "";
    [CsvColumn("bench_exit")] public string BenchExit { get; set; } = "";
    [CsvColumn("detail")] public string Detail { get; set; } = "";
}

/// <summary>The schema of a matrix run's <c>divergences.csv</c>: one line per image of each cross-image divergence.</summary>
[CsvRecordMap(typeof(CrossImageObservationRow))]
internal sealed partial class CrossImageObservationRowMap
{
    [CsvColumn("run_id")] public string RunId { get; set; } = "";
    [CsvColumn("divergence")] public int Divergence { get; set; }
    [CsvColumn("scenario")] public string Scenario { get; set; } = "";
    [CsvColumn("area")] public string Area { get; set; } = "";
    [CsvColumn("rule")] public string Rule { get; set; } = "";
    [CsvColumn("subject")] public string Subject { get; set; } = "";
    [CsvColumn("start_method")] public string StartMethod { get; set; } = "";
    [CsvColumn("params"), CsvConverter(typeof(ParamsConverter))] public string Params { get; set; } = "";

    /// <summary>An empty field reads back as null: "" and null are the same seed.</summary>
    [CsvColumn("seed"), CsvNullValues("")] public string? Seed { get; set; }

    [CsvColumn("image")] public string Image { get; set; } = "";
    [CsvColumn("subject_version")] public string SubjectVersion { get; set; } = "";
    [CsvColumn("observed")] public string Observed { get; set; } = "";
    [CsvColumn("outcome")] public string Outcome { get; set; } = "";
    [CsvColumn("verdict")] public string Verdict { get; set; } = "";
    [CsvColumn("reason")] public string Reason { get; set; } = "";
}
