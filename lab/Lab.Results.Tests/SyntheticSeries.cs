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
