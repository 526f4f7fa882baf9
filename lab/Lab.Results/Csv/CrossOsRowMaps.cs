using CsvHelper.Configuration;

namespace Lab.Results.Csv;

/// <summary>The schema of a matrix run's <c>cells.csv</c>; README.md in this project lists the columns.</summary>
internal sealed class CellRowMap : ClassMap<CellRow>
{
    public CellRowMap()
    {
        var i = 0;
        Map(r => r.RunId).Index(i++).Name("run_id");
        Map(r => r.Image).Index(i++).Name("image");
        Map(r => r.Subjects).Index(i++).Name("subjects");
        Map(r => r.Engine).Index(i++).Name("engine");
        Map(r => r.Outcome).Index(i++).Name("outcome");
        Map(r => r.Utc).Index(i++).Name("utc").TypeConverter<UtcConverter>();
        Map(r => r.DurationS).Index(i++).Name("duration_s");
        Map(r => r.RunExit).Index(i++).Name("run_exit");
        Map(r => r.BenchExit).Index(i++).Name("bench_exit");
        Map(r => r.Detail).Index(i++).Name("detail");
    }
}

/// <summary>The schema of a matrix run's <c>divergences.csv</c>: one line per image of each cross-image divergence.</summary>
internal sealed class CrossImageObservationRowMap : ClassMap<CrossImageObservationRow>
{
    public CrossImageObservationRowMap()
    {
        var i = 0;
        Map(r => r.RunId).Index(i++).Name("run_id");
        Map(r => r.Divergence).Index(i++).Name("divergence");
        Map(r => r.Scenario).Index(i++).Name("scenario");
        Map(r => r.Area).Index(i++).Name("area");
        Map(r => r.Rule).Index(i++).Name("rule");
        Map(r => r.Subject).Index(i++).Name("subject");
        Map(r => r.StartMethod).Index(i++).Name("start_method");
        Map(r => r.Params).Index(i++).Name("params");
        Map(r => r.Seed).Index(i++).Name("seed").TypeConverterOption.NullValues(string.Empty);
        Map(r => r.Image).Index(i++).Name("image");
        Map(r => r.SubjectVersion).Index(i++).Name("subject_version");
        Map(r => r.Observed).Index(i++).Name("observed");
        Map(r => r.Outcome).Index(i++).Name("outcome");
        Map(r => r.Verdict).Index(i++).Name("verdict");
        Map(r => r.Reason).Index(i++).Name("reason");
    }
}
