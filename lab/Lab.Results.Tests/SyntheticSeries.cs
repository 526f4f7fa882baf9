using Lab.Results.Nightly;

namespace Lab.Results.Tests;

/// <summary>
/// Benchmark runs drawn from a model of a noisy shared machine, seeded so that every test sees the same numbers: each
/// run's level moves by a normal run-to-run factor (the machine's load, where the code landed in memory), each sample
/// around it by log-normal noise, and a few samples are hit by an interruption that makes them several times slower.
/// </summary>
internal sealed class SyntheticSeries(int seed, double runToRun = 0.015, double withinRun = 0.03, double outliers = 0.03)
{
    private readonly Random _random = new(seed);
    private int _runs;

    public SeriesRun Run(double level = 100, int n = 20, string? commit = null)
    {
        var runLevel = level * (1 + runToRun * Normal());
        var samples = new double[n];
        for (var i = 0; i < n; i++)
        {
            var value = runLevel * Math.Exp(withinRun * Normal());
            if (_random.NextDouble() < outliers) value *= 1.5 + 3 * _random.NextDouble();
            samples[i] = value;
        }
        _runs++;
        return new SeriesRun($"run-{_runs:D4}", new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero).AddDays(_runs), commit ?? $"c{_runs:D4}", samples);
    }

    public List<SeriesRun> Runs(int count, double level = 100, int n = 20) => Enumerable.Range(0, count).Select(_ => Run(level, n)).ToList();

    // Box–Muller.
    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}

/// <summary>Sample and bench rows of synthetic runs, as `lab bench` writes them, for end-to-end report and CSV tests.</summary>
internal static class SyntheticRows
{
    public static RunInfo RunOf(SeriesRun run) =>
        new(run.RunId, run.Utc, "host-1", "Debian GNU/Linux 12 (bookworm)", ".NET 10.0.0") { Commit = run.Commit };

    public static IEnumerable<SampleRow> Samples(IEnumerable<SeriesRun> runs, string benchmark = "spin", string unit = "ms", string method = "in-process") =>
        runs.SelectMany(r => SampleRow.FromSamples(RunOf(r), "engine", "0.1.0", method, benchmark, "n=20;warmup=3", unit, r.Samples));

    public static IEnumerable<BenchRow> Bench(IEnumerable<SeriesRun> runs, string benchmark = "spin", string unit = "ms", string method = "in-process") =>
        runs.Select(r => BenchRow.FromSamples(RunOf(r), "engine", "0.1.0", method, benchmark, "n=20;warmup=3", unit, r.Samples));
}
