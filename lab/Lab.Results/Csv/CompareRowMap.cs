using CsvHelper;

namespace Lab.Results.Csv;

/// <summary>The schema of <c>compare-*.csv</c>.</summary>
[CsvRecordMap(typeof(CompareRow))]
internal sealed partial class CompareRowMap
{
    [CsvColumn("run_id")] public string RunId { get; set; } = "";
    [CsvColumn("utc"), CsvConverter(typeof(UtcConverter))] public DateTimeOffset Utc { get; set; }
    [CsvColumn("host")] public string Host { get; set; } = "";
    [CsvColumn("os")] public string Os { get; set; } = "";
    [CsvColumn("image")] public string Image { get; set; } = "";
    [CsvColumn("runtime")] public string Runtime { get; set; } = "";
    [CsvColumn("subject")] public string Subject { get; set; } = "";
    [CsvColumn("subject_version")] public string SubjectVersion { get; set; } = "";
    [CsvColumn("start_method")] public string StartMethod { get; set; } = "";
    [CsvColumn("benchmark")] public string Benchmark { get; set; } = "";
    [CsvColumn("params"), CsvConverter(typeof(ParamsConverter))] public string Params { get; set; } = "";
    [CsvColumn("unit")] public string Unit { get; set; } = "";
    [CsvColumn("better")] public string Better { get; set; } = "";
    [CsvColumn("latest_run_id")] public string LatestRunId { get; set; } = "";
    [CsvColumn("commit")] public string Commit { get; set; } = "";
    [CsvColumn("baseline")] public string Baseline { get; set; } = "";
    [CsvColumn("baseline_runs")] public int BaselineRuns { get; set; }
    [CsvColumn("baseline_n")] public int BaselineN { get; set; }
    [CsvColumn("latest_n")] public int LatestN { get; set; }
    [CsvColumn("baseline_median")] public double? BaselineMedian { get; set; }
    [CsvColumn("latest_median")] public double LatestMedian { get; set; }
    [CsvColumn("change_pct")] public double? ChangePct { get; set; }
    [CsvColumn("p_value")] public double? PValue { get; set; }
    [CsvColumn("threshold_pct")] public double ThresholdPct { get; set; }
    [CsvColumn("noise_pct")] public double NoisePct { get; set; }
    [CsvColumn("verdict")] public string Verdict { get; set; } = "";
    [CsvColumn("step_run_id")] public string StepRunId { get; set; } = "";
    [CsvColumn("step_commit")] public string StepCommit { get; set; } = "";
    [CsvColumn("step_change_pct")] public double? StepChangePct { get; set; }
    [CsvColumn("step_verdict")] public string StepVerdict { get; set; } = "";
}
