namespace Lab.Results;

/// <summary>
/// Derives the <see cref="PerformanceModel"/> from bench rows: pairs the two modes' medians at each size, per subject,
/// start method and common params, and finds the threshold (<see cref="CrossoverSeries.Threshold"/>). Pure and
/// deterministic, like <see cref="ReportBuilder"/>. The benchmark ids and modes are defined here, once; the benchmarks that
/// write the rows (scenarios/Lab.Scenarios/Benchmarks/) use them.
/// </summary>
public static class PerformanceModelBuilder
{
    public const string TaskSizeId = "task-size-speedup", Serial = "serial", Pool = "pool";
    public const string ArgumentSizeId = "argument-size-crossover", Channel = "channel", SharedMemory = "shared-memory";

    /// <summary>task-size-speedup: <c>mode</c> serial|pool, <c>task_us</c>; unit ms for the whole work.</summary>
    public static CrossoverSpec TaskSize { get; } = new(TaskSizeId, "task_us", Serial, Pool, "ms", ["tasks"]);

    /// <summary>argument-size-crossover: <c>mode</c> channel|shared-memory, <c>bytes</c>; unit µs per task.</summary>
    public static CrossoverSpec ArgumentSize { get; } = new(ArgumentSizeId, "bytes", Channel, SharedMemory, "us/task", ["tasks"]);

    /// <summary>The model of the rows (one run's), or null when they hold neither benchmark.</summary>
    public static PerformanceModel? Build(IReadOnlyList<BenchRow> rows)
    {
        var taskSize = Series(rows, TaskSize);
        var argumentSize = Series(rows, ArgumentSize);
        if (taskSize.Count == 0 && argumentSize.Count == 0) return null;
        return new PerformanceModel(taskSize, argumentSize)
        {
            SpeedupChart = taskSize.Count == 0 ? null : new BenchChart($"{TaskSize.Benchmark}: speedup (serial / pool)", BenchChartKind.Sweep, TaskSize.SizeParam,
                "speedup ×", taskSize.Select(s => new ChartSeries(s.Label, s.Points.Select(p => new ChartPoint(p.Size, p.Ratio)).ToList())).ToList()),
            ArgumentCostChart = argumentSize.Count == 0 ? null : new BenchChart($"{ArgumentSize.Benchmark}: per-task cost", BenchChartKind.Sweep, ArgumentSize.SizeParam,
                ArgumentSize.Unit, argumentSize.SelectMany(s => new[]
                {
                    new ChartSeries($"{s.Label} {ArgumentSize.Baseline}", s.Points.Select(p => new ChartPoint(p.Size, p.Baseline)).ToList()),
                    new ChartSeries($"{s.Label} {ArgumentSize.Candidate}", s.Points.Select(p => new ChartPoint(p.Size, p.Candidate)).ToList()),
                }).ToList()),
        };
    }

    /// <summary>Every subject/method/common-params sweep of one benchmark, ordered by subject, method and params.</summary>
    public static IReadOnlyList<CrossoverSeries> Series(IEnumerable<BenchRow> rows, CrossoverSpec spec)
    {
        var measured = rows
            .Where(r => r.Benchmark == spec.Benchmark)
            .Select(r => (Row: r, Size: Size(r.Params, spec.SizeParam), Mode: RowParams.Get(r.Params, CrossoverSpec.ModeParam), Common: Common(r.Params, spec)))
            .Where(x => x.Size is > 0 && (x.Mode == spec.Baseline || x.Mode == spec.Candidate))
            .ToList();
        return measured
            .GroupBy(x => (x.Row.Subject, x.Row.StartMethod, x.Common))
            .OrderBy(g => g.Key.Subject, StringComparer.Ordinal).ThenBy(g => g.Key.StartMethod, StringComparer.Ordinal).ThenBy(g => g.Key.Common, StringComparer.Ordinal)
            .Select(g =>
            {
                var points = g.GroupBy(x => x.Size!.Value)
                    .Select(size => (Size: size.Key, Baseline: size.FirstOrDefault(x => x.Mode == spec.Baseline).Row, Candidate: size.FirstOrDefault(x => x.Mode == spec.Candidate).Row))
                    .Where(p => p.Baseline is not null && p.Candidate is { Median: > 0 })
                    .Select(p => new CrossoverPoint(p.Size, p.Baseline!.Median, p.Candidate!.Median))
                    .OrderBy(p => p.Size)
                    .ToList();
                return new CrossoverSeries(g.Key.Subject, g.Key.StartMethod, g.Key.Common, points, Threshold(points));
            })
            .Where(s => s.Points.Count > 0)
            .ToList();
    }

    /// <summary>The smallest size from which the candidate wins at every larger size; null when it loses at the largest.</summary>
    public static double? Threshold(IReadOnlyList<CrossoverPoint> pointsBySize)
    {
        double? threshold = null;
        for (var i = pointsBySize.Count - 1; i >= 0 && pointsBySize[i].CandidateWins; i--)
            threshold = pointsBySize[i].Size;
        return threshold;
    }

    private static double? Size(string parameters, string key) =>
        double.TryParse(RowParams.Get(parameters, key), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string Common(string parameters, CrossoverSpec spec) =>
        spec.Varying.Append(spec.SizeParam).Append(CrossoverSpec.ModeParam).Aggregate(parameters, RowParams.Without);
}
