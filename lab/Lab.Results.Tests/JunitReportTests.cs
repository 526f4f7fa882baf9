using System.Xml.Linq;

namespace Lab.Results.Tests;

public class JunitReportTests
{
    private static string Replay(ConformanceRow r) => $"lab run --subject {r.Subject} --method {r.StartMethod} --scenario {r.Scenario} --seed 7";

    [Fact]
    public void JunitReport_OneTestcasePerCase_FailuresCarryTheReplayCommand()
    {
        var rows = new[]
        {
            Sample.Conformance("exit-codes/return-zero"),
            Sample.Conformance("exit-codes/sigkill", observed: "137", outcome: Outcomes.Fail) with { Detail = "bad\u0001byte" },
            Sample.Conformance("exit-codes/hangs", outcome: Outcomes.Hang),
            Sample.Conformance("exit-codes/fork", startMethod: "fork", outcome: Outcomes.Skip) with { Detail = "the engine refuses fork" },
            Sample.Conformance("pickling/lambda") with { Area = "pickling" },
        };

        var xml = JunitReport.Build(rows, Replay);

        var root = xml.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal("5", root.Attribute("tests")!.Value);
        Assert.Equal("1", root.Attribute("failures")!.Value);
        Assert.Equal("1", root.Attribute("errors")!.Value);
        Assert.Equal("1", root.Attribute("skipped")!.Value);
        Assert.Equal(["exit-codes", "pickling"], root.Elements("testsuite").Select(s => s.Attribute("name")!.Value));
        var failure = root.Descendants("testcase").Single(c => c.Attribute("name")!.Value.StartsWith("exit-codes/sigkill", StringComparison.Ordinal)).Element("failure")!;
        Assert.Contains("replay: lab run --subject engine --method spawn --scenario exit-codes/sigkill --seed 7", failure.Value);
        Assert.Contains("observed '137'", failure.Attribute("message")!.Value);
        Assert.Contains("bad\uFFFDbyte", failure.Value); // a control character cannot be in XML 1.0
        Assert.NotNull(root.Descendants("testcase").Single(c => c.Attribute("name")!.Value.StartsWith("exit-codes/hangs", StringComparison.Ordinal)).Element("error"));
        Assert.NotNull(root.Descendants("skipped").SingleOrDefault());
    }

    [Fact]
    public void JunitReport_Write_IsWellFormedXmlOnDisk()
    {
        using var dir = new TempDir();
        var path = dir.File("junit.xml");

        JunitReport.Write(path, [Sample.Conformance(outcome: Outcomes.Fail) with { Expected = "<&>\"" }], Replay);

        var loaded = XDocument.Load(path);
        Assert.Contains("<&>\"", loaded.Descendants("failure").Single().Value);
    }
}
