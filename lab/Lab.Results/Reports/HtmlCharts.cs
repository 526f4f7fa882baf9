using System.Reflection;
using System.Text;
using System.Text.Json;
using static System.Net.WebUtility;

namespace Lab.Results;

/// <summary>
/// The report's charts, drawn in the browser by Chart.js 4 (MIT; vendored as <c>Assets/chart.umd.min.js</c>, embedded in
/// this assembly and inlined into the page, so the report still opens offline from a CI artifact). The data travels as
/// one JSON block; System.Text.Json's default encoder escapes '&lt;', '&gt;' and '&amp;', so no value can close the script.
/// Without script the page still has every figure in its tables.
/// </summary>
internal static class HtmlCharts
{
    private const string AssetName = "Lab.Results.Reports.Assets.chart.umd.min.js";

    private static readonly Lazy<string> Library = new(() =>
    {
        using var stream = typeof(HtmlCharts).Assembly.GetManifestResourceStream(AssetName)
            ?? throw new InvalidOperationException($"the chart library {AssetName} is not embedded in {typeof(HtmlCharts).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static void Append(StringBuilder html, IReadOnlyList<BenchChart> charts)
    {
        if (charts.Count == 0) return;
        html.Append("<section id=\"charts\"><h2>Charts</h2>\n<p class=\"note\">Sweeps: median of the latest run against the swept parameter (log₂ axis; lower is better for times). ")
            .Append("Trends: the median of each of the last ").Append(BenchCharts.TrendRuns).Append(" runs that have the benchmark.</p>\n");
        for (var i = 0; i < charts.Count; i++)
        {
            var chart = charts[i];
            html.Append("<figure><figcaption class=\"mono\">").Append(HtmlEncode(chart.Title)).Append(chart.Kind == BenchChartKind.Trend ? " — trend" : " — sweep")
                .Append("</figcaption><div class=\"chart\"><canvas id=\"lab-chart-").Append(i).Append("\" role=\"img\" aria-label=\"").Append(HtmlEncode(chart.Title)).Append("\"></canvas></div>");
            if (chart.Kind == BenchChartKind.Sweep)
            {
                html.Append("<table><thead><tr><th>subject/method</th><th class=\"num\">best ").Append(HtmlEncode(chart.XTitle)).Append("</th><th class=\"num\">median there</th><th>unit</th></tr></thead><tbody>\n");
                foreach (var s in chart.Series)
                    html.Append("<tr><td>").Append(HtmlEncode(s.Label)).Append("</td><td class=\"num\">").Append(ReportFormat.Number(s.Lowest.X))
                        .Append("</td><td class=\"num\">").Append(ReportFormat.Number(s.Lowest.Y)).Append("</td><td>").Append(HtmlEncode(chart.YTitle)).Append("</td></tr>\n");
                html.Append("</tbody></table>");
            }
            html.Append("</figure>\n");
        }
        var data = charts.Select(c => new
        {
            title = c.Title,
            kind = c.Kind == BenchChartKind.Sweep ? "sweep" : "trend",
            xTitle = c.XTitle,
            yTitle = c.YTitle,
            series = c.Series.Select(s => new { label = s.Label, points = s.Points.Select(p => new[] { p.X, p.Y }) }),
        });
        html.Append("<script type=\"application/json\" id=\"lab-chart-data\">").Append(JsonSerializer.Serialize(data)).Append("</script>\n")
            .Append("<script>").Append(Library.Value).Append("</script>\n")
            .Append("<script>").Append(Renderer).Append("</script>\n</section>\n");
    }

    // Sweeps plot log2(x) on a linear axis labelled 2^k, so every power of two gets a tick; y is logarithmic because
    // per-task overheads span orders of magnitude across chunksizes. Trends plot time on a linear axis of Unix ms.
    private const string Renderer = """
        (function () {
          if (typeof Chart === 'undefined') return;
          var charts = JSON.parse(document.getElementById('lab-chart-data').textContent);
          // One colour per subject/method on every chart, so a series is recognised across charts.
          var fixed = { 'engine/spawn': '#2ca02c', 'engine/forkserver': '#0b5d1e', 'cpython/fork': '#1f77b4', 'cpython/spawn': '#d62728', 'cpython/forkserver': '#ff7f0e' };
          var palette = ['#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
          var colour = function (label, j) { return fixed[label] || palette[j % palette.length]; };
          charts.forEach(function (c, i) {
            var sweep = c.kind === 'sweep';
            var datasets = c.series.map(function (s, j) {
              return {
                label: s.label, borderColor: colour(s.label, j), backgroundColor: colour(s.label, j),
                pointRadius: 3, tension: 0,
                data: s.points.map(function (p) { return { x: sweep ? Math.log2(p[0]) : p[0], y: p[1] }; })
              };
            });
            new Chart(document.getElementById('lab-chart-' + i), {
              type: 'line',
              data: { datasets: datasets },
              options: {
                animation: false, responsive: true, maintainAspectRatio: false,
                interaction: { mode: 'nearest', intersect: false },
                scales: {
                  x: sweep
                    ? { type: 'linear', title: { display: true, text: c.xTitle }, ticks: { stepSize: 1, callback: function (v) { return Math.pow(2, v); } } }
                    : { type: 'linear', title: { display: true, text: c.xTitle }, ticks: { maxTicksLimit: 8, callback: function (v) { return new Date(v).toISOString().slice(0, 16).replace('T', ' '); } } },
                  y: sweep ? { type: 'logarithmic', title: { display: true, text: c.yTitle } } : { beginAtZero: true, title: { display: true, text: c.yTitle } }
                },
                plugins: { tooltip: { callbacks: { title: function (items) { var x = items[0].parsed.x; return sweep ? c.xTitle + ' ' + Math.pow(2, x) : new Date(x).toISOString(); } } } }
              }
            });
          });
        })();
        """;
}
