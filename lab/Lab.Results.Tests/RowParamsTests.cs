using Lab.Results.Nightly;

namespace Lab.Results.Tests;

/// <summary>The one form of the <c>params</c> column (<see cref="RowParams"/>): JSON, and the legacy <c>k=v;k=v</c> read
/// into it.</summary>
public sealed class RowParamsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void RowParams_Of_IsCompactJsonWithKeysInOrdinalOrder()
    {
        Assert.Equal("""{"chunksize":"default","n":20,"ratio":0.05,"spawn":true,"warmup":3}""",
            RowParams.Of(("warmup", 3), ("n", 20), ("chunksize", "default"), ("ratio", 0.05), ("spawn", true)));
        Assert.Equal("", RowParams.Of());
    }

    [Fact]
    public void RowParams_Of_TypesNumericTextAsTheLegacyReadDoes()
    {
        Assert.Equal(RowParams.Of(("seeds", 4242), ("n", 3.0)), RowParams.Of(("seeds", "4242"), ("n", 3)));
        Assert.Equal("""{"seeds":"1/2/3","v":"3.10","w":"08"}""", RowParams.Of(("seeds", "1/2/3"), ("v", "3.10"), ("w", "08")));
    }

    [Fact]
    public void RowParams_Of_RefusesWhatJsonOrTheColumnCannotHold()
    {
        Assert.Throws<ArgumentException>(() => RowParams.Of(("x", double.NaN)));
        Assert.Throws<ArgumentException>(() => RowParams.Of(("x", new[] { 1 })));
        Assert.Throws<ArgumentException>(() => RowParams.Of(("x", 1), ("x", 2)));
        Assert.Throws<ArgumentException>(() => RowParams.Of(("", 1)));
    }

    [Fact]
    public void RowParams_Normalize_ReadsLegacyPairsAsTheJsonOfTheSameValues()
    {
        Assert.Equal(RowParams.Of(("n", 20), ("warmup", 3), ("messages", 20000)), RowParams.Normalize("n=20;warmup=3;messages=20000"));
        Assert.Equal("""{"chunksize":4}""", RowParams.Normalize("chunksize=4"));
        Assert.Equal(
            """{"alpha":0.01,"mode":"in-process","noise_coverage":0.99,"prestart":"no","seeds":"1/2/3","threshold":0.05,"x":"a=b"}""",
            RowParams.Normalize("mode=in-process;threshold=0.05;noise_coverage=0.99;alpha=0.01;seeds=1/2/3;prestart=no;x=a=b;"));
        Assert.Equal("""{"big":18446744073709551615,"flag":false,"kinds":"","neg":-2,"padded":"007"}""",
            RowParams.Normalize("big=18446744073709551615;flag=false;kinds=;neg=-2;padded=007"));
    }

    [Fact]
    public void RowParams_Normalize_JsonRoundTripsToOneCanonicalText()
    {
        var canonical = RowParams.Of(("n", 20), ("signal", "SIGINT <&>"), ("warmup", 3));
        Assert.Equal(canonical, RowParams.Normalize(canonical));
        Assert.Equal(canonical, RowParams.Normalize(""" { "warmup" : 3.0, "signal": "SIGINT \u003C&\u003E", "n": 20 } """));
        // Conformance params may hold lists and objects; they keep their own order, compact.
        Assert.Equal("""{"chunksizes":[1,2],"data":{"b":1,"a":[true,null]}}""",
            RowParams.Normalize("""{"data": {"b": 1, "a": [true, null]}, "chunksizes": [1, 2.0]}"""));
        Assert.Equal("", RowParams.Normalize("{}"));
        Assert.Equal("", RowParams.Normalize(""));
        Assert.Equal("", RowParams.Normalize(null));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("n=20;warmup")]
    [InlineData("=3")]
    [InlineData("n=1;n=2")]
    [InlineData("{\"n\":")]
    [InlineData("{\"n\":1,\"n\":2}")]
    [InlineData("[1,2]")]
    public void RowParams_Normalize_MalformedText_IsAFormatErrorNamingIt(string text)
    {
        var error = Assert.Throws<FormatException>(() => RowParams.Normalize(text));
        Assert.Contains($"'{text}'", error.Message);
    }

    [Fact]
    public void RowParams_GetAndGetInt_ReadValuesOfEitherForm()
    {
        foreach (var @params in new[] { "n=20;chunksize=default;program=corpus.lost-update;ratio=0.5", RowParams.Of(("n", 20), ("chunksize", "default"), ("program", "corpus.lost-update"), ("ratio", 0.5)) })
        {
            Assert.Equal("20", RowParams.Get(@params, "n"));
            Assert.Equal(20, RowParams.GetInt(@params, "n"));
            Assert.Equal("default", RowParams.Get(@params, "chunksize"));
            Assert.Null(RowParams.GetInt(@params, "chunksize"));
            Assert.Equal("corpus.lost-update", RowParams.Get(@params, "program"));
            Assert.Equal("0.5", RowParams.Get(@params, "ratio"));
            Assert.Null(RowParams.GetInt(@params, "ratio"));
            Assert.Null(RowParams.Get(@params, "missing"));
            Assert.Null(RowParams.GetInt(@params, "missing"));
        }
        Assert.Null(RowParams.Get("", "n"));
        Assert.Equal("[1,2]", RowParams.Get("""{"xs":[1, 2]}""", "xs"));
    }

    [Fact]
    public void RowParams_Display_IsKeyValuePairsForTitles()
    {
        Assert.Equal("chunksize=8, n=20, program=a b, warmup=3", RowParams.Display(RowParams.Of(("n", 20), ("warmup", 3), ("chunksize", 8), ("program", "a b"))));
        Assert.Equal("chunksize=default, n=3", RowParams.Display("n=3;chunksize=default"));
        Assert.Equal("", RowParams.Display(""));
    }

    [Fact]
    public void RowParams_Merge_IsTheUnionWithTheSecondWinning()
    {
        Assert.Equal(RowParams.Of(("mode", "processes"), ("n", 20), ("seed", 7), ("warmup", 3)),
            RowParams.Merge(RowParams.Of(("mode", "in-process"), ("n", 20), ("warmup", 3)), "mode=processes;seed=7"));
        Assert.Equal(RowParams.Of(("n", 1)), RowParams.Merge("", RowParams.Of(("n", 1))));
        Assert.Equal("", RowParams.Merge("", ""));
    }

    [Fact]
    public void RowParams_Without_DropsOneKey()
    {
        Assert.Equal(RowParams.Of(("tasks", 100)), RowParams.Without("chunksize=8;tasks=100", "chunksize"));
        Assert.Equal("", RowParams.Without("chunksize=8", "chunksize"));
    }

    [Fact]
    public void SeriesKey_LegacyAndJsonParamsOfTheSameValues_AreOneSeries()
    {
        var legacy = Sample.Bench(@params: "x=1") with { Params = "n=20;warmup=3;chunksize=default" };
        var json = legacy with { Params = RowParams.Of(("n", 20), ("warmup", 3), ("chunksize", "default")) };

        Assert.Equal(SeriesKey.Of(legacy), SeriesKey.Of(json));
        Assert.Equal(SeriesKey.Of(legacy).AnchorId, SeriesKey.Of(json).AnchorId);
        Assert.Equal("start-join engine/spawn (chunksize=default, n=20, warmup=3)", SeriesKey.Of(legacy).Label);
        Assert.NotEqual(SeriesKey.Of(json), SeriesKey.Of(json with { Params = RowParams.Of(("n", 20), ("warmup", 3), ("chunksize", 8)) }));
    }

    [Fact]
    public void ResultsCsv_LegacyParamsFile_ReadsAsJsonAndFormsOneSeriesWithNewRows()
    {
        // A bench file and a samples file as written before params were JSON.
        var bench = _dir.File("bench-old.csv");
        File.WriteAllText(bench,
            "run_id,utc,host,os,runtime,subject,subject_version,start_method,benchmark,params,unit,n,median,p05,p95,mean,stddev,min,max,commit\n" +
            "old,2026-11-20T01:00:00.0000000+00:00,h,debian,.NET 10,engine,0.1.0,spawn,queue-throughput,n=20;warmup=3;messages=20000,msgs/s,3,10,9,11,10,1,9,11,abc\n");
        var samples = _dir.File("samples-old.csv");
        File.WriteAllText(samples,
            "run_id,utc,host,os,runtime,subject,subject_version,start_method,benchmark,params,unit,commit,sample,value\n" +
            "old,2026-11-20T01:00:00.0000000+00:00,h,debian,.NET 10,engine,0.1.0,spawn,queue-throughput,n=20;warmup=3;messages=20000,msgs/s,abc,0,10\n");

        var old = ResultsCsv.ReadBench(bench).Single();
        var expected = RowParams.Of(("n", 20), ("warmup", 3), ("messages", 20000));
        Assert.Equal(expected, old.Params);
        var fresh = old with { RunId = "new", Params = expected };
        Assert.Equal(SeriesKey.Of(old), SeriesKey.Of(fresh));

        var sample = Assert.Single(ResultsCsv.ReadSamples(samples));
        Assert.Equal(expected, sample.Params);
        Assert.Equal(SeriesKey.Of(fresh), SeriesKey.Of(sample));

        // Written again, the file holds the JSON form.
        var rewritten = _dir.File("bench-new.csv");
        ResultsCsv.Write(rewritten, [old]);
        Assert.Contains("\"{\"\"messages\"\":20000,\"\"n\"\":20,\"\"warmup\"\":3}\"", File.ReadAllText(rewritten));
        Assert.Equal([old], ResultsCsv.ReadBench(rewritten));
    }

    [Fact]
    public void ResultsCsv_MalformedParams_FailsNamingTheText()
    {
        var bench = _dir.File("bench-bad.csv");
        File.WriteAllText(bench,
            "run_id,utc,host,os,runtime,subject,subject_version,start_method,benchmark,params,unit,n,median,p05,p95,mean,stddev,min,max\n" +
            "old,2026-11-20T01:00:00.0000000+00:00,h,debian,.NET 10,engine,0.1.0,spawn,spin,n=20;oops,ms,3,10,9,11,10,1,9,11\n");

        var error = Record.Exception(() => ResultsCsv.ReadBench(bench).ToList());

        Assert.NotNull(error);
        Assert.Contains("'n=20;oops'", Flatten(error));
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
