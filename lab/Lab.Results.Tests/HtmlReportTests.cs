using System.Net;
using System.Text.RegularExpressions;

namespace Lab.Results.Tests;

public sealed class HtmlReportTests
{
    private const string Hostile = "<script>alert('x')</script> & \"quoted\"";

    [Fact]
    public void HtmlReport_HostileRowValues_AreHtmlEncodedEverywhere()
    {
        var rows = new[]
        {
            Sample.Conformance(scenario: "pickling/" + Hostile, subject: "engine", observed: Hostile, outcome: Outcomes.Fail) with { Detail = Hostile, Seed = Hostile },
            Sample.Conformance(scenario: "pickling/" + Hostile, subject: "cpython", observed: "ok") with { Verdict = Hostile },
            Sample.Conformance(outcome: Hostile),
        };
        var bench = new[] { Sample.Bench(benchmark: Hostile, @params: RowParams.Of(("p", Hostile))) with { Unit = Hostile } };

        var html = HtmlReport.Render(ReportBuilder.Build(rows, bench));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;", html);
        // An unknown outcome never becomes a class name.
        Assert.Contains("o-other", html);
    }

    [Fact]
    public void HtmlReport_Page_IsSelfContained()
    {
        var html = HtmlReport.Render(ReportBuilder.Build([Sample.Conformance()], [Sample.Bench()]));

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<style>", html);
        Assert.DoesNotMatch(new Regex("https?://|<script|<link|<img|<iframe|src=", RegexOptions.IgnoreCase), html);
        Assert.Contains("default-src 'none'", html);
    }

    [Fact]
    public void HtmlReport_Sections_AppearWithFailuresBeforeTheMatrix()
    {
        var rows = new[]
        {
            Sample.Conformance(scenario: "queues/fifo", outcome: Outcomes.Pass),
            Sample.Conformance(scenario: "pool/broken", outcome: Outcomes.Hang) with { Detail = "no result after 30 s", Seed = "1234" },
        };

        var html = HtmlReport.Render(ReportBuilder.Build(rows, [Sample.Bench()]));

        var order = new[] { "id=\"runs\"", "id=\"summary\"", "id=\"failures\"", "id=\"matrix\"", "id=\"divergences\"", "id=\"benchmarks\"" }
            .Select(id => html.IndexOf(id, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        var failures = html[order[2]..order[3]];
        Assert.Contains("pool/broken", failures);
        Assert.Contains("no result after 30 s", failures);
        Assert.Contains("1234", failures);
        Assert.DoesNotContain("queues/fifo", failures);
        Assert.Contains(Sample.Run.RunId, html[order[0]..order[1]]);
    }

    [Fact]
    public void HtmlReport_BenchBars_AreProportionalToMedianWithinEachBenchmark()
    {
        var bench = new[]
        {
            BenchRow.FromSamples(Sample.Run, "cpython", "3.11.2", "spawn", "start-join", "", "ms", [40]),
            BenchRow.FromSamples(Sample.Run, "engine", "0.1.0", "spawn", "start-join", "", "ms", [10]),
            BenchRow.FromSamples(Sample.Run, "engine", "0.1.0", "spawn", "queue-put-get", "", "ms", [2]),
        };

        var html = HtmlReport.Render(ReportBuilder.Build([], bench));

        var widths = Regex.Matches(html, "class=\"m\" style=\"width:([0-9.]+)%\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["100", "100", "25"], widths); // queue-put-get alone; start-join: cpython 40, engine 10
        Assert.Contains(WebUtility.HtmlEncode("0.25×"), html);
        Assert.Contains("cpython / spawn", html);
    }

    [Fact]
    public void HtmlReport_NoRows_SaysSoInsteadOfEmptyTables()
    {
        var html = HtmlReport.Render(ReportBuilder.Build([], []));

        Assert.Contains("No conformance rows.", html);
        Assert.Contains("No benchmark rows.", html);
    }
}
