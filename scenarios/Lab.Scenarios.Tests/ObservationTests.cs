using Lab.Scenarios.Model;
using Xunit;

namespace Lab.Scenarios.Tests;

public class ObservationTests
{
    [Fact]
    public void Notation_ParsesToFieldsInOrder_AndPrintsBack()
    {
        Observation o = "exitcode=-9;early_exit=true;message=a b: c";
        Assert.Equal(["exitcode", "early_exit", "message"], o.Fields.Select(f => f.Key));
        Assert.Equal(-9, o.GetInt("exitcode"));
        Assert.Equal("a b: c", o.Get("message"));
        Assert.Null(o.Get("missing"));
        Assert.Equal("exitcode=-9;early_exit=true;message=a b: c", o.Notation);
    }

    [Fact]
    public void Of_FormatsValuesAsTheDriverDoes()
    {
        var o = Observation.Of(("flag", true), ("none", null), ("ratio", 0.5), ("n", 3L));
        Assert.Equal("flag=true;none=null;ratio=0.5;n=3", o.Notation);
    }

    [Fact]
    public void Json_RoundTrips_AndIsTheDriverForm()
    {
        var o = Observation.Of(("exitcode", 3), ("text", "say \"hi\""));
        Assert.Equal("{\"exitcode\":\"3\",\"text\":\"say \\u0022hi\\u0022\"}", o.ToJson());
        Assert.Equal(o, Observation.FromJson(o.ToJson()));
        Assert.Equal(Observation.Hang, Observation.FromJson(Observation.Hang.ToJson()));
        Assert.True(Observation.FromJson("{\"a\":\"1\"}") == "a=1");
    }

    [Theory]
    [InlineData("{\"a\":1}")]
    [InlineData("[\"a\"]")]
    [InlineData("{\"bad key\":\"1\"}")]
    public void FromJson_AnythingButAnObjectOfStrings_IsRefused(string json) =>
        Assert.Throws<FormatException>(() => Observation.FromJson(json));

    [Theory]
    [InlineData("novalue")]
    [InlineData("=1")]
    [InlineData("a=1;;b=2")]
    public void Parse_MalformedNotation_IsRefused(string notation) => Assert.Throws<FormatException>(() => Observation.Parse(notation));

    [Fact]
    public void Equality_IgnoresDetail_AndTellsHangApart()
    {
        Assert.Equal(Observation.Parse("a=1").WithDetail("one"), Observation.Parse("a=1").WithDetail("two"));
        Assert.NotEqual(Observation.Hang, Observation.Empty);
        Assert.NotEqual(Observation.Parse("a=1;b=2"), Observation.Parse("b=2;a=1"));
    }
}
