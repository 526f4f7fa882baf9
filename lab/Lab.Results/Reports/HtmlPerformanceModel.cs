using System.Text;
using static System.Net.WebUtility;

namespace Lab.Results;

/// <summary>The report's performance-model section (seeds 59.30, 59.34): the speedup of a 2-worker pool over serial work
/// per task size with the break-even task size, and the per-task cost of a growing argument through the channel and
/// through shared memory with the crossover size; each a chart (<see cref="HtmlCharts"/>) above its table.</summary>
internal static class HtmlPerformanceModel
{
    /// <param name="firstChart">The index of the model's first chart among all of the page's charts (the sweeps come first).</param>
    public static void Section(StringBuilder html, PerformanceModel? model, int firstChart)
    {
        if (model is null) return;
        html.Append("<section id=\"performance-model\"><h2>Performance model</h2>\n");
        var chart = firstChart;
        if (model.TaskSize.Count > 0)
        {
            html.Append("<h3>When does multiprocessing help? (").Append(HtmlEncode(PerformanceModelBuilder.TaskSize.Benchmark)).Append(")</h3>\n")
                .Append("<p class=\"note\">A fixed amount of CPU work in tasks of the given size, serial in the parent or <code>Pool.map</code> on 2 warm workers at chunksize 1. ")
                .Append("Speedup: serial median ÷ pool median. Break-even: the smallest task size from which the pool is faster at every larger size.</p>\n");
            if (model.SpeedupChart is { } speedup) HtmlCharts.Canvas(html, chart++, speedup.Title);
            Table(html, PerformanceModelBuilder.TaskSize, model.TaskSize, "break-even task size", ratios: true);
        }
        if (model.ArgumentSize.Count > 0)
        {
            html.Append("<h3>Sending huge objects repeatedly (").Append(HtmlEncode(PerformanceModelBuilder.ArgumentSize.Benchmark)).Append(")</h3>\n")
                .Append("<p class=\"note\">µs per task, channel / shared memory: the argument serialized into every task, or a shared memory block's name (the worker attaches and reads). ")
                .Append("Crossover: the smallest size from which shared memory is cheaper at every larger size.</p>\n");
            if (model.ArgumentCostChart is { } cost) HtmlCharts.Canvas(html, chart, cost.Title);
            Table(html, PerformanceModelBuilder.ArgumentSize, model.ArgumentSize, "crossover size", ratios: false);
        }
        html.Append("</section>\n");
    }

    private static void Table(StringBuilder html, CrossoverSpec spec, IReadOnlyList<CrossoverSeries> series, string threshold, bool ratios)
    {
        var sizes = PerformanceModelFormat.Sizes(series);
        html.Append("<table><thead><tr>");
        var headers = PerformanceModelFormat.Headers(spec, sizes, threshold);
        for (var i = 0; i < headers.Length; i++)
            html.Append(i == 0 ? "<th>" : "<th class=\"num\">").Append(HtmlEncode(headers[i])).Append("</th>");
        html.Append("</tr></thead><tbody>\n");
        foreach (var s in series)
        {
            var cells = PerformanceModelFormat.Row(spec, s, sizes, ratios);
            html.Append("<tr>");
            for (var i = 0; i < cells.Length; i++)
                html.Append(i == 0 ? "<td>" : i == cells.Length - 1 ? "<td class=\"num\"><strong>" : "<td class=\"num\">").Append(HtmlEncode(cells[i]))
                    .Append(i == cells.Length - 1 && i > 0 ? "</strong></td>" : "</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table>\n");
    }
}
