using CsvHelper;

namespace Lab.Results.Csv;

/// <summary>The schema of <c>calibration-*.csv</c>.</summary>
[CsvRecordMap(typeof(CalibrationRow))]
internal sealed partial class CalibrationRowMap
{
    [CsvColumn("run_id")] public string RunId { get; set; } = "";
    [CsvColumn("utc"), CsvConverter(typeof(UtcConverter))] public DateTimeOffset Utc { get; set; }
    [CsvColumn("host")] public string Host { get; set; } = "";
    [CsvColumn("os")] public string Os { get; set; } = "";
    [CsvColumn("runtime")] public string Runtime { get; set; } = "";
    [CsvColumn("commit")] public string Commit { get; set; } = "";
    [CsvColumn("check")] public string Check { get; set; } = "";
    [CsvColumn("benchmarks")] public string Benchmarks { get; set; } = "";
    [CsvColumn("trials")] public int Trials { get; set; }
    [CsvColumn("flagged")] public int Flagged { get; set; }
    [CsvColumn("rate")] public double Rate { get; set; }
    [CsvColumn("goal")] public double Goal { get; set; }
    [CsvColumn("goal_kind")] public string GoalKind { get; set; } = "";
    [CsvColumn("met")] public bool Met { get; set; }
    [CsvColumn("params"), CsvConverter(typeof(ParamsConverter))] public string Params { get; set; } = "";
}
