using Xunit;

namespace Lab.Results.Tests;

public class SystematicReportTests
{
    private static readonly RunInfo Earlier = Sample.Run with { RunId = "20261121T014610Z-000001", Utc = Sample.Utc.AddDays(-1) };

    [Fact]
    public void BuildSystematic_SeriesFromSeveralRuns_KeepsTheLatestRowOfEach()
    {
        var rows = new[]
        {
            Sample.Bench("systematic-throughput", "systematic", "random", 20_000, "mode=in-process", Earlier),
            Sample.Bench("systematic-throughput", "systematic", "random", 24_000, "mode=in-process"),
            Sample.Bench("systematic-throughput", "systematic", "pct", 70_000, "mode=in-process", Earlier),
            Sample.Bench("systematic-schedules-per-second", "systematic", "dfs", 15, "mode=processes"),
        };

        var report = ReportBuilder.BuildSystematic(rows)!;

        Assert.Equal(3, report.RowCount);
        var throughput = Assert.Single(report.Groups, g => g.Benchmark == "systematic-throughput");
        Assert.Equal(["pct", "random"], throughput.Lines.Select(l => l.StartMethod));
        Assert.Equal(24_000, throughput.Lines[1].Median);
        Assert.All(throughput.Lines, l => Assert.Null(l.RatioToReference));
        Assert.Null(ReportBuilder.BuildSystematic([]));
    }

    [Fact]
    public void Reports_SystematicSection_RenderedInHtmlAndMarkdown()
    {
        var model = ReportBuilder.Build([], [Sample.Bench()]) with
        {
            Systematic = ReportBuilder.BuildSystematic([Sample.Bench("systematic-iterations-to-bug", "systematic", "portfolio", 3, "program=lost-wakeup")]),
        };

        Assert.Contains("<section id=\"systematic\">", HtmlReport.Render(model));
        Assert.Contains("systematic-iterations-to-bug", HtmlReport.Render(model));
        var md = MarkdownReport.Render(model);
        Assert.Contains("## Systematic testing", md);
        Assert.Contains("| systematic | portfolio |", md);
    }

    [Fact]
    public void Reports_NoSystematicRows_SaySo()
    {
        var model = ReportBuilder.Build([Sample.Conformance()], []);
        Assert.Contains("No systematic rows", HtmlReport.Render(model));
        Assert.Contains("No systematic rows", MarkdownReport.Render(model));
    }
}
