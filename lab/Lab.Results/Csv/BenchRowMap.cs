using CsvHelper.Configuration;

namespace Lab.Results.Csv;

/// <summary>
/// The schema of <c>bench-*.csv</c>. Index and name are explicit for the same reason as in
/// <see cref="ConformanceRowMap"/>; mean, stddev, min and max follow the documented prefix.
/// </summary>
internal sealed class BenchRowMap : ClassMap<BenchRow>
{
    public BenchRowMap()
    {
        var i = 0;
        Map(r => r.RunId).Index(i++).Name("run_id");
        Map(r => r.Utc).Index(i++).Name("utc").TypeConverter<UtcConverter>();
        Map(r => r.Host).Index(i++).Name("host");
        Map(r => r.Os).Index(i++).Name("os");
        Map(r => r.Runtime).Index(i++).Name("runtime");
        Map(r => r.Subject).Index(i++).Name("subject");
        Map(r => r.SubjectVersion).Index(i++).Name("subject_version");
        Map(r => r.StartMethod).Index(i++).Name("start_method");
        Map(r => r.Benchmark).Index(i++).Name("benchmark");
        Map(r => r.Params).Index(i++).Name("params");
        Map(r => r.Unit).Index(i++).Name("unit");
        Map(r => r.N).Index(i++).Name("n");
        Map(r => r.Median).Index(i++).Name("median");
        Map(r => r.P05).Index(i++).Name("p05");
        Map(r => r.P95).Index(i++).Name("p95");
        Map(r => r.Mean).Index(i++).Name("mean");
        Map(r => r.StdDev).Index(i++).Name("stddev");
        Map(r => r.Min).Index(i++).Name("min");
        Map(r => r.Max).Index(i++).Name("max");
        // Appended by the cross-OS matrix (issue #11); optional on reading, so files written before it still read.
        Map(r => r.Image).Index(i++).Name("image").Optional();
    }
}
