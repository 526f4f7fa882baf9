using System.Reflection;
using Lab.Results;
using Lab.Systematic.Exploration;
using Lab.Systematic.Measurement;

namespace Lab.Cli.Commands;

/// <summary>
/// The figures of `lab explore` as bench rows (<see cref="BenchRow.FromSamples"/>): subject <c>systematic</c>, the
/// strategy in the <c>start_method</c> column (for the scheduler, the strategy is how it runs; the bench tables show that
/// column), and the program, seeds and <c>"mode":"in-process"</c> in <c>params</c> (<see cref="RowParams"/>; the
/// cross-process scheduler of issue #5 §3 writes <c>"mode":"processes"</c>). They go to <c>results/systematic-RUN.csv</c>, in the bench-*.csv columns but a file of
/// their own, so that the report's benchmark section (the latest bench-*.csv run) keeps showing `lab bench`.
/// </summary>
internal static class SystematicRows
{
    public const string Subject = SystematicComparisonBuilder.OursSubject;
    /// <summary>The <c>mode</c> param of these rows.</summary>
    public const string Mode = "in-process";
    public const string IterationsToBug = SystematicComparisonBuilder.IterationsToBug;
    public const string SchedulesPerSecondId = SystematicComparisonBuilder.SchedulesPerSecond;
    public const string PctObserved = "systematic-pct-observed-rate";
    public const string PctBound = "systematic-pct-bound";

    public static string Version { get; } =
        typeof(Explorer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public static string FileName(string runId) => $"systematic-{runId}.csv";

    public static BenchRow SchedulesPerSecond(RunInfo run, string program, ExplorationSettings settings, ExplorationReport report) =>
        Row(run, settings.Strategy, SchedulesPerSecondId,
            RowParams.Of(("program", program), ("seed", settings.Seed), ("iterations", report.Iterations), ("max-steps", settings.MaxSteps)),
            "schedules/s", [report.SchedulesPerSecond]);

    public static BenchRow IterationsToBugRow(RunInfo run, string program, ExplorationSettings settings, int iterations) =>
        Row(run, settings.Strategy, IterationsToBug,
            RowParams.Of(("program", program), ("seed", settings.Seed), ("budget", settings.Iterations), ("max-steps", settings.MaxSteps)),
            "iterations", [iterations]);

    /// <param name="params">The row's own parameters (<see cref="RowParams.Of(System.ValueTuple{string, object}[])"/>); the
    /// <c>mode</c> param <see cref="Mode"/> is added.</param>
    /// <param name="subject">Our tester (<see cref="Subject"/>) unless Coyote's figures (subject <c>coyote</c>).</param>
    public static BenchRow Row(RunInfo run, string strategy, string benchmark, string @params, string unit, IReadOnlyList<double> samples, string subject = Subject, string? version = null) =>
        BenchRow.FromSamples(run, subject, version ?? Version, strategy, benchmark, RowParams.Merge(RowParams.Of(("mode", Mode)), @params), unit, samples);

    /// <summary>PCT's observed rate and the paper's bound, as two rows with the same params (n, k, d, iterations).</summary>
    public static IEnumerable<BenchRow> Pct(RunInfo run, PctRate rate, ulong seed)
    {
        var @params = RowParams.Of(("program", rate.Program), ("d", rate.Depth), ("n", rate.Operations), ("k", rate.Length), ("iterations", rate.Iterations), ("seed", seed));
        yield return Row(run, "pct", PctObserved, @params, "bugs/iteration", [rate.Observed]);
        yield return Row(run, "pct", PctBound, @params, "bugs/iteration", [rate.Bound]);
    }

    /// <returns>The path written.</returns>
    public static string Write(string resultsDir, RunInfo run, IEnumerable<BenchRow> rows)
    {
        Directory.CreateDirectory(resultsDir);
        var path = Path.Combine(resultsDir, FileName(run.RunId));
        ResultsCsv.Write(path, rows);
        return path;
    }
}
