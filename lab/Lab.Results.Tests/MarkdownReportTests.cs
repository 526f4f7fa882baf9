using System.Text.RegularExpressions;

namespace Lab.Results.Tests;

public sealed class MarkdownReportTests
{
    [Theory]
    [InlineData("a|b", "a\\|b")]
    [InlineData("line1\nline2\r\nline3", "line1<br>line2<br>line3")]
    [InlineData("<script>", "\\<script\\>")]
    [InlineData("__init__ *x* `y` [z](u) \\", "\\_\\_init\\_\\_ \\*x\\* \\`y\\` \\[z\\](u) \\\\")]
    [InlineData("plain 1.5 ms", "plain 1.5 ms")]
    public void MarkdownReport_Escape_MakesCellTextInert(string value, string expected)
    {
        Assert.Equal(expected, MarkdownReport.Escape(value));
    }

    [Fact]
    public void MarkdownReport_PipesAndNewlinesInValues_KeepEveryTableRowIntact()
    {
        var rows = new[]
        {
            Sample.Conformance(scenario: "pipes/a|b", observed: "x|y", outcome: Outcomes.Fail) with { Detail = "first | line\nsecond line" },
            Sample.Conformance(scenario: "pipes/a|b", subject: "cpython", observed: "x") ,
        };

        var md = MarkdownReport.Render(ReportBuilder.Build(rows, [Sample.Bench()]));

        Assert.Contains("first \\| line<br>second line", md);
        // Every table line has as many unescaped pipes as its table's header line.
        foreach (var table in Regex.Matches(md, @"(?m)(^\|.*\n)+").Select(m => m.Value.TrimEnd('\n').Split('\n')))
        {
            var cells = table.Select(line => Regex.Matches(line, @"(?<!\\)\|").Count).Distinct();
            Assert.Single(cells);
        }
    }

    [Fact]
    public void MarkdownReport_Render_HasTheSameSectionsAsTheHtml()
    {
        var rows = new[]
        {
            Sample.Conformance(scenario: "exit-codes/sigkill", subject: "engine", observed: "-9", outcome: Outcomes.Fail),
            Sample.Conformance(scenario: "exit-codes/sigkill", subject: "cpython", observed: "137"),
        };

        var md = MarkdownReport.Render(ReportBuilder.Build(rows, [Sample.Bench(subject: "cpython"), Sample.Bench()]));

        var headings = Regex.Matches(md, "(?m)^## (.*)$").Select(m => m.Groups[1].Value);
        Assert.Equal(["What changed since the last run", "Runs", "Conformance summary", "Failures", "Conformance matrix", "Divergences", "Benchmarks", "Systematic testing", "Cross-OS matrix"], headings);
        Assert.Contains("### exit-codes/sigkill", md);
        Assert.Contains("verdict: **unreviewed**", md);
        Assert.Contains("| cpython (reference) |", md);
        Assert.Contains("| 1.00× |", md);
    }
}
