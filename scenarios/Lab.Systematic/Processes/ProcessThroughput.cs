using System.Diagnostics;
using Lab.Systematic.Strategies;

namespace Lab.Systematic.Processes;

/// <summary>
/// Schedules per second across real processes (issue #5 §6, target ≥ 20/s with 2 children): one sample times a batch
/// of <c>schedules</c> iterations of <see cref="CounterProgram.Locked"/> (2 children, about ten points each, every
/// iteration starting 2 fresh engine children), after <c>warmup</c> discarded batches. An exhausted DFS starts over.
/// Also returns where the time of the last batch went (starting children versus scheduling), for the README.
/// </summary>
public static class ProcessThroughput
{
    public sealed record Sample(double SchedulesPerSecond, double StartMsPerSchedule, double LoopMsPerSchedule, double ExitMsPerSchedule, double ReapMsPerSchedule, double StepsPerSchedule);

    /// <exception cref="InvalidOperationException">The program failed: throughput is only measured on bug-free programs.</exception>
    public static IReadOnlyList<Sample> Measure(string strategy, ulong seed, int samples, int warmup, int schedules, bool prestart = true,
        Lab.Engine.WorkerChoice worker = Lab.Engine.WorkerChoice.Auto)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfLessThan(schedules, 1);
        var program = CounterProgram.Locked;
        using var scheduler = new ProcessScheduler { Worker = worker };
        var chosen = StrategyFactory.Create(strategy, seed);
        var faults = new NoFaults();
        var iteration = 0;
        var result = new List<Sample>(samples);
        for (var batch = 0; batch < warmup + samples; batch++)
        {
            scheduler.StartTime = scheduler.LoopTime = scheduler.ExitTime = scheduler.ReapTime = TimeSpan.Zero;
            long steps = 0;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < schedules; i++)
            {
                if (!chosen.PrepareIteration(iteration++))
                {
                    chosen = StrategyFactory.Create(strategy, seed);
                    iteration = 0;
                    chosen.PrepareIteration(iteration++);
                }
                var run = scheduler.Run(program, chosen, faults, 1000, prestartNext: prestart).Run;
                steps += run.Steps.Count;
                if (run.Bug is not null || run.Mismatch is not null)
                    throw new InvalidOperationException(
                        $"{program.Name} failed under {chosen.IterationLabel} (seed {seed}): {run.Bug?.ToString() ?? run.Mismatch?.Message}; throughput is measured on bug-free programs");
            }
            if (batch >= warmup)
                result.Add(new Sample(schedules / clock.Elapsed.TotalSeconds,
                    scheduler.StartTime.TotalMilliseconds / schedules, scheduler.LoopTime.TotalMilliseconds / schedules, scheduler.ExitTime.TotalMilliseconds / schedules,
                    scheduler.ReapTime.TotalMilliseconds / schedules, (double)steps / schedules));
        }
        return result;
    }
}
