using CsvHelper.Configuration;

namespace Lab.Results.Csv;

/// <summary>
/// The schema of <c>conformance-*.csv</c>. Index and name are explicit so that neither the order
/// of properties in the record nor a rename of one can move or rename a column; README.md lists
/// the same columns.
/// </summary>
internal sealed class ConformanceRowMap : ClassMap<ConformanceRow>
{
    public ConformanceRowMap()
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
        Map(r => r.Scenario).Index(i++).Name("scenario");
        Map(r => r.Area).Index(i++).Name("area");
        Map(r => r.Seed).Index(i++).Name("seed").TypeConverterOption.NullValues(string.Empty);
        Map(r => r.Outcome).Index(i++).Name("outcome");
        Map(r => r.Expected).Index(i++).Name("expected");
        Map(r => r.Observed).Index(i++).Name("observed");
        Map(r => r.DurationMs).Index(i++).Name("duration_ms");
        Map(r => r.Detail).Index(i++).Name("detail");
        // Added after the documented prefix; keep them last. Optional on reading, so results written before they
        // existed still render (their rows read as unreviewed, without params): a nightly history is not lost to a
        // schema change.
        Map(r => r.Verdict).Index(i++).Name("verdict").Optional();
        Map(r => r.Params).Index(i++).Name("params").Optional();
        Map(r => r.VerdictReason).Index(i++).Name("verdict_reason").Optional();
        Map(r => r.Image).Index(i++).Name("image").Optional();
    }
}
