using CsvHelper;

namespace Lab.Results.Csv;

/// <summary>
/// The schema of <c>bench-*.csv</c>: CsvHelper's source generator writes the reader and writer of <see cref="BenchRow"/>
/// from these attributes. Names are explicit so that a rename of a property cannot rename a column; the column order is
/// the declaration order of <see cref="BenchRow"/>'s properties (CsvHelper 34 writes members in that order), which a test
/// checks against the documented header. Columns added after the first release are optional on reading, so older files
/// still read.
/// </summary>
[CsvRecordMap(typeof(BenchRow))]
internal sealed partial class BenchRowMap
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
    [CsvColumn("n")] public int N { get; set; }
    [CsvColumn("median")] public double Median { get; set; }
    [CsvColumn("p05")] public double P05 { get; set; }
    [CsvColumn("p95")] public double P95 { get; set; }
    [CsvColumn("mean")] public double Mean { get; set; }
    [CsvColumn("stddev")] public double StdDev { get; set; }
    [CsvColumn("min")] public double Min { get; set; }
    [CsvColumn("max")] public double Max { get; set; }

    // Added after the first release: optional on reading, so older files still read (their rows have no commit).
    [CsvColumn("commit", Optional = true)] public string Commit { get; set; } = "";
    // Appended by the cross-OS matrix (issue #11); optional on reading, so files written before it still read.
    [CsvColumn("image", Optional = true)] public string Image { get; set; } = "";
}
