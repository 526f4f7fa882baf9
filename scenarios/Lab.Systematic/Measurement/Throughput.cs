using System.Diagnostics;
using Lab.Systematic.Exploration;
using Lab.Systematic.Strategies;

namespace Lab.Systematic.Measurement;

/// <summary>
/// Schedules per second of the in-process scheduler: one sample times one batch of <c>schedules</c> iterations of a
/// bug-free program under one strategy on one warm execution engine (carrier threads already started), after
/// <c>warmup</c> discarded batches. Raw samples; statistics are the results stage's job. An exhausted DFS starts over,
/// so the figure is always the cost of a schedule.
/// </summary>
public static class Throughput
{
    /// <summary>The benchmark of issue #5 §6: <see cref="ThroughputProgram"/> (2 workers, 50 steps).</summary>
    public static IReadOnlyList<double> Measure(string strategy, ulong seed, int samples, int warmup, int schedules) =>
        Measure(ThroughputProgram.Program, strategy, seed, samples, warmup, schedules, maxSteps: 10 * ThroughputProgram.Steps);

    /// <exception cref="InvalidOperationException">The program failed: throughput is only measured on bug-free programs.</exception>
    public static IReadOnlyList<double> Measure(SystematicProgram program, string strategy, ulong seed, int samples, int warmup, int schedules, int maxSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfLessThan(schedules, 1);
        using var engine = new ExecutionEngine();
        var chosen = StrategyFactory.Create(strategy, seed);
        var iteration = 0;
        var result = new List<double>(samples);
        for (var batch = 0; batch < warmup + samples; batch++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < schedules; i++)
            {
                if (!chosen.PrepareIteration(iteration++))
                {
                    chosen = StrategyFactory.Create(strategy, seed);
                    iteration = 0;
                    chosen.PrepareIteration(iteration++);
                }
                var run = engine.Run(program, chosen, maxSteps);
                if (run.Bug is not null || run.Mismatch is not null)
                    throw new InvalidOperationException(
                        $"{program.Name} failed under {chosen.IterationLabel} (seed {seed}): {run.Bug?.ToString() ?? run.Mismatch?.Message}; throughput is measured on bug-free programs");
            }
            if (batch >= warmup) result.Add(schedules / clock.Elapsed.TotalSeconds);
        }
        return result;
    }
}
