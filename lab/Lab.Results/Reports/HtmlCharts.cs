using System.Reflection;
using System.Text;
using System.Text.Json;
using Lab.Results.Nightly;
using static System.Net.WebUtility;

namespace Lab.Results;

/// <summary>
/// The report's charts, drawn in the browser by Chart.js 4 (MIT; vendored as <c>Assets/chart.umd.min.js</c>, embedded in
/// this assembly and inlined into the page, so the report still opens offline from a CI artifact): the sweeps of the
/// benchmark section and the nightly trends. Figures go where their section is; the data of all charts travels in one
/// JSON block at the end of the page, with the library and the renderer. System.Text.Json's default encoder escapes '&lt;',
/// '&gt;' and '&amp;', so no value can close the script. Without script the page still has every figure in its tables.
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

    public static void Sweeps(StringBuilder html, IReadOnlyList<BenchChart> charts)
    {
        if (charts.Count == 0) return;
        html.Append("<section id=\"charts\"><h2>Sweeps</h2>\n<p class=\"note\">Median of the latest run against the swept parameter (log₂ axis; lower is better for times).</p>\n");
        for (var i = 0; i < charts.Count; i++)
        {
            var chart = charts[i];
            html.Append("<figure><figcaption class=\"mono\">").Append(HtmlEncode(chart.Title)).Append(" — sweep")
                .Append("</figcaption>");
            ChartDiv(html, i, chart.Title);
            html.Append("<table><thead><tr><th>subject/method</th><th class=\"num\">best ").Append(HtmlEncode(chart.XTitle)).Append("</th><th class=\"num\">median there</th><th>unit</th></tr></thead><tbody>\n");
            foreach (var s in chart.Series)
                html.Append("<tr><td>").Append(HtmlEncode(s.Label)).Append("</td><td class=\"num\">").Append(ReportFormat.Number(s.Lowest.X))
                    .Append("</td><td class=\"num\">").Append(ReportFormat.Number(s.Lowest.Y)).Append("</td><td>").Append(HtmlEncode(chart.YTitle)).Append("</td></tr>\n");
            html.Append("</tbody></table></figure>\n");
        }
        html.Append("</section>\n");
    }

    /// <summary>A chart of its own figure (the performance model's); <paramref name="index"/> is its place in the list
    /// given to <see cref="Scripts"/>.</summary>
    public static void Canvas(StringBuilder html, int index, string title)
    {
        html.Append("<figure><figcaption class=\"mono\">").Append(HtmlEncode(title)).Append("</figcaption>");
        ChartDiv(html, index, title);
        html.Append("</figure>\n");
    }

    private static void ChartDiv(StringBuilder html, int index, string title) =>
        html.Append("<div class=\"chart\"><canvas id=\"lab-chart-").Append(index).Append("\" role=\"img\" aria-label=\"").Append(HtmlEncode(title)).Append("\"></canvas></div>");

    /// <summary>One small chart per series, each under the series' anchor id, which the changes section links to.</summary>
    public static void Trends(StringBuilder html, IReadOnlyList<TrendSeries> trends)
    {
        html.Append("<div class=\"trends\">\n");
        for (var i = 0; i < trends.Count; i++)
        {
            var t = trends[i];
            html.Append("<figure id=\"").Append(t.AnchorId).Append("\" class=\"trend\"><figcaption class=\"mono\">").Append(HtmlEncode(t.Key.Label))
                .Append(" <small>").Append(HtmlEncode(t.Key.Where)).Append("</small>");
            if (t.Step is { } step)
                html.Append(" <small class=\"step\">step ").Append(HtmlEncode(ReportFormat.Signed(step.Change))).Append(" since ").Append(HtmlEncode(step.RunId)).Append("</small>");
            html.Append("</figcaption><div class=\"chart small\"><canvas id=\"lab-trend-").Append(i).Append("\" role=\"img\" aria-label=\"trend of ")
                .Append(HtmlEncode(t.Key.Label)).Append("\"></canvas></div></figure>\n");
        }
        html.Append("</div>\n");
    }

    /// <summary>The data, the library and the renderer, once, at the end of the page; nothing when there is no chart.</summary>
    public static void Scripts(StringBuilder html, IReadOnlyList<BenchChart> sweeps, IReadOnlyList<TrendSeries> trends)
    {
        if (sweeps.Count == 0 && trends.Count == 0) return;
        var data = new
        {
            sweeps = sweeps.Select(c => new
            {
                title = c.Title,
                xTitle = c.XTitle,
                yTitle = c.YTitle,
                series = c.Series.Select(s => new { label = s.Label, points = s.Points.Select(p => new[] { p.X, p.Y }) }),
            }),
            trends = trends.Select(t => new
            {
                unit = t.Key.Unit,
                points = t.Points.Select(p => new
                {
                    x = p.Utc.ToUnixTimeMilliseconds(),
                    y = p.Median,
                    lo = p.P05,
                    hi = p.P95,
                    n = p.N,
                    run = p.RunId,
                    commit = ReportFormat.ShortCommit(p.Commit),
                    verdict = p.Verdict,
                }),
                step = t.Step is { } s ? new { x = s.Utc.ToUnixTimeMilliseconds(), run = s.RunId, change = ReportFormat.Signed(s.Change), verdict = s.Verdict } : null,
            }),
        };
        html.Append("<script type=\"application/json\" id=\"lab-chart-data\">").Append(JsonSerializer.Serialize(data)).Append("</script>\n")
            .Append("<script>").Append(Library.Value).Append("</script>\n")
            .Append("<script>").Append(Renderer).Append("</script>\n");
    }

    // Sweeps plot log2(x) on a linear axis labelled 2^k, so every power of two gets a tick; y is logarithmic because
    // per-task overheads span orders of magnitude across chunksizes. Trends plot time on a linear axis of Unix ms: the
    // p05–p95 band, the medians (a flagged run drawn large, red for a regression, green for an improvement), and the start
    // of a step as a dashed vertical line.
    private const string Renderer = """
        (function () {
          if (typeof Chart === 'undefined') return;
          var data = JSON.parse(document.getElementById('lab-chart-data').textContent);
          // One colour per subject/method on every chart, so a series is recognised across charts.
          var fixed = { 'engine/spawn': '#2ca02c', 'engine/forkserver': '#0b5d1e', 'cpython/fork': '#1f77b4', 'cpython/spawn': '#d62728', 'cpython/forkserver': '#ff7f0e', 'pypy/fork': '#9467bd', 'pypy/spawn': '#8c564b', 'pypy/forkserver': '#e377c2' };
          var palette = ['#17becf', '#7f7f7f', '#bcbd22', '#393b79', '#8c6d31', '#843c39'];
          var colour = function (label, j) { return fixed[label] || palette[j % palette.length]; };
          var iso = function (ms) { return new Date(ms).toISOString().slice(0, 16).replace('T', ' '); };
          data.sweeps.forEach(function (c, i) {
            new Chart(document.getElementById('lab-chart-' + i), {
              type: 'line',
              data: { datasets: c.series.map(function (s, j) {
                // The performance model's cost chart has two lines per subject/method: one colour, shared memory dashed.
                var key = s.label.replace(/ (channel|shared-memory)$/, ''), dashed = / shared-memory$/.test(s.label);
                return { label: s.label, borderColor: colour(key, j), backgroundColor: colour(key, j), borderDash: dashed ? [6, 4] : [], pointRadius: 3, tension: 0,
                         data: s.points.map(function (p) { return { x: Math.log2(p[0]), y: p[1] }; }) };
              }) },
              options: {
                animation: false, responsive: true, maintainAspectRatio: false,
                interaction: { mode: 'nearest', intersect: false },
                scales: {
                  x: { type: 'linear', title: { display: true, text: c.xTitle }, ticks: { stepSize: 1, callback: function (v) { return Math.pow(2, v); } } },
                  y: { type: 'logarithmic', title: { display: true, text: c.yTitle } }
                },
                plugins: { tooltip: { callbacks: { title: function (items) { return c.xTitle + ' ' + Math.pow(2, items[0].parsed.x); } } } }
              }
            });
          });
          var mark = { regression: '#cf222e', improvement: '#1a7f37', changed: '#bf8700' };
          data.trends.forEach(function (t, i) {
            // Runs of several nights: dates; runs of one day (a calibration, a busy afternoon): times.
            var span = t.points.length ? t.points[t.points.length - 1].x - t.points[0].x : 0;
            var tick = function (v) { return span > 3 * 86400000 ? iso(v).slice(0, 10) : iso(v).slice(5, 16); };
            var ys = t.points.map(function (p) { return p.y; }).concat(t.points.map(function (p) { return p.hi; }), t.points.map(function (p) { return p.lo; }));
            var datasets = [
              { label: 'p95', data: t.points.map(function (p) { return { x: p.x, y: p.hi }; }), borderWidth: 0, pointRadius: 0, backgroundColor: 'rgba(9,105,218,0.12)', fill: '+1' },
              { label: 'p05', data: t.points.map(function (p) { return { x: p.x, y: p.lo }; }), borderWidth: 0, pointRadius: 0, fill: false },
              { label: 'median', data: t.points.map(function (p) { return { x: p.x, y: p.y }; }), borderColor: '#0969da', tension: 0,
                pointRadius: t.points.map(function (p) { return mark[p.verdict] ? 6 : 2.5; }),
                pointBackgroundColor: t.points.map(function (p) { return mark[p.verdict] || '#0969da'; }),
                pointBorderColor: t.points.map(function (p) { return mark[p.verdict] || '#0969da'; }) }
            ];
            if (t.step) {
              datasets.push({ label: 'step ' + t.step.change + ' since ' + t.step.run, data: [{ x: t.step.x, y: Math.min.apply(null, ys) }, { x: t.step.x, y: Math.max.apply(null, ys) }],
                              borderColor: '#8250df', borderDash: [6, 4], borderWidth: 2, pointRadius: 0 });
            }
            new Chart(document.getElementById('lab-trend-' + i), {
              type: 'line',
              data: { datasets: datasets },
              options: {
                animation: false, responsive: true, maintainAspectRatio: false,
                interaction: { mode: 'nearest', intersect: true },
                scales: {
                  x: { type: 'linear', ticks: { maxTicksLimit: 5, callback: tick } },
                  y: { title: { display: true, text: t.unit } }
                },
                plugins: {
                  legend: { labels: { filter: function (item) { return item.datasetIndex > 2; } } },
                  tooltip: {
                    filter: function (item) { return item.datasetIndex === 2; },
                    callbacks: {
                      title: function (items) { return 'run ' + t.points[items[0].dataIndex].run; },
                      label: function (item) {
                        var p = t.points[item.dataIndex];
                        return ['commit ' + (p.commit || '–'), iso(p.x) + ' UTC', 'median ' + p.y + ' ' + t.unit + ' (n=' + p.n + ')',
                                'p05–p95 ' + p.lo + '–' + p.hi + ' ' + t.unit].concat(p.verdict ? ['verdict: ' + p.verdict] : []);
                      }
                    }
                  }
                }
              }
            });
          });
        })();
        """;
}
