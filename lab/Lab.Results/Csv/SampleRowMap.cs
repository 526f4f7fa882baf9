using CsvHelper;

namespace Lab.Results.Csv;

/// <summary>The schema of <c>samples-*.csv</c>, as <see cref="BenchRowMap"/> is that of the bench files.</summary>
[CsvRecordMap(typeof(SampleRow))]
internal sealed partial class SampleRowMap
{
    [CsvColumn("run_id")] public string RunId { get; set; } = "";
    [CsvColumn("utc"), CsvConverter(typeof(UtcConverter))] public DateTimeOffset Utc { get; set; }
    [CsvColumn("host")] public string Host { get; set; } = "";
    [CsvColumn("os")] public string Os { get; set; } = "";
    [CsvColumn("runtime")] public string Runtime { get; set; } = "";
    [CsvColumn("subject")] public string Subject { get; set; } = "";
    [CsvColumn("subject_version")] public string SubjectVersion { get; set; } = "";
    [CsvColumn("start_method")] public string StartMethod { get; set; } = "";
    [CsvColumn("benchmark")] public string Benchmark { get; set; } = "";
    [CsvColumn("params"), CsvConverter(typeof(ParamsConverter))] public string Params { get; set; } = "";
    [CsvColumn("unit")] public string Unit { get; set; } = "";
    [CsvColumn("commit")] public string Commit { get; set; } = "";
    [CsvColumn("image", Optional = true)] public string Image { get; set; } = "";
    [CsvColumn("sample")] public int Sample { get; set; }
    [CsvColumn("value")] public double Value { get; set; }
}
