using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lab.Results.Tests;

/// <summary>
/// A [Fact] that is skipped, with its reason shown in the test log, where Debian's chromium is not installed: Playwright
/// drives that browser (ExecutablePath); it never downloads one of its own (the machines reach no browser download).
/// `./run-all.sh test` installs chromium when it runs as root.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium))
            Skip = $"{Chromium} is not installed (apt-get install chromium; ./run-all.sh test installs it when run as root): the report is not checked in a browser";
    }
}

/// <summary>The rendered report in a real browser: the charts drew, and the top section lists an injected regression.</summary>
public sealed class ReportBrowserTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [ChromiumFact]
    public async Task ReportInChromium_InjectedRegression_ChartsDrawAndChangesListIt()
    {
        NightlyReportTests.WriteHistory(_dir.File("results"), lastLevel: 130);
        ResultsCsv.Write(_dir.File("results/bench-sweep.csv"),
        [
            Sample.Bench("pool-chunksize", "engine", "spawn", 9, "chunksize=1"),
            Sample.Bench("pool-chunksize", "engine", "spawn", 2, "chunksize=64") with { Utc = Sample.Utc.AddYears(-1) },
        ]);
        var report = ReportWriter.Render(_dir.File("results"), _dir.File("reports"));

        using var playwright = await Playwright.CreateAsync();
        // The closed network of these machines refuses Chromium's own background connections (machines/dotnet.md).
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.Chromium,
            Headless = true,
            Timeout = 60_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(report.Html).AbsoluteUri);

        // Every canvas holds a chart that painted something (Chart.js draws synchronously with animation off).
        var canvases = await page.EvaluateAsync<int[]>("""
            () => Array.from(document.querySelectorAll('canvas')).map(c => {
              if (!window.Chart || !Chart.getChart(c) || c.width === 0 || c.height === 0) return 0;
              const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let painted = 0;
              for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
              return painted;
            })
            """);
        output.WriteLine($"painted pixels per canvas: {string.Join(", ", canvases)}");
        Assert.Empty(errors);
        Assert.True(canvases.Length >= 3, $"{canvases.Length} canvases"); // the sweep and the two trends
        Assert.All(canvases, painted => Assert.True(painted > 500, $"a canvas with {painted} painted pixels"));

        var changes = page.Locator("#changes");
        Assert.Contains("Regressions", await changes.InnerTextAsync());
        var link = changes.Locator("a[href^='#series-']").First;
        Assert.Contains("spin engine/in-process", await link.InnerTextAsync());
        var anchor = (await link.GetAttributeAsync("href"))!;
        Assert.Equal(1, await page.Locator(anchor).CountAsync());

        // What a hover shows on the flagged point: run, commit, median, p05–p95, verdict.
        var tooltip = await page.EvaluateAsync<string[]>($$"""
            () => {
              const chart = Chart.getChart(document.querySelector('{{anchor}} canvas'));
              const median = chart.data.datasets[2];
              const item = { datasetIndex: 2, dataIndex: median.data.length - 1 };
              const cb = chart.options.plugins.tooltip.callbacks;
              return [cb.title([item])].concat(cb.label(item));
            }
            """);
        output.WriteLine(string.Join(" | ", tooltip));
        Assert.Equal("run run-0011", tooltip[0]);
        Assert.Contains("commit c0011", tooltip);
        Assert.Contains(tooltip, line => line.StartsWith("median ", StringComparison.Ordinal));
        Assert.Contains(tooltip, line => line.StartsWith("p05–p95 ", StringComparison.Ordinal));
        Assert.Contains("verdict: regression", tooltip);
    }
}
