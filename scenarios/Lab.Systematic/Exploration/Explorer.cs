using System.Diagnostics;
using Lab.Systematic.Shrinking;
using Lab.Systematic.Strategies;
using Lab.Systematic.Traces;

namespace Lab.Systematic.Exploration;

/// <summary>
/// Runs a program's iterations under a strategy until a bug, the iteration budget, or an exhausted strategy. The first
/// bug ends the exploration: its schedule is shrunk (if enabled), checked by a strict replay, and reported with its
/// token. A replay mismatch during exploration (a DFS meeting a different state on the same prefix) means the program
/// is not deterministic: that is an error, not a bug of the program's interleavings.
/// </summary>
public static class Explorer
{
    public static ExplorationReport Explore(SystematicProgram program, ExplorationSettings settings, Action<IterationProgress>? progress = null) =>
        Explore(program, settings, settings.CreateStrategy(), progress);

    /// <exception cref="NondeterministicProgramException">The same decisions led to different program states.</exception>
    /// <exception cref="Runtime.UncontrolledBlockingException">An iteration blocked outside the seam.</exception>
    public static ExplorationReport Explore(SystematicProgram program, ExplorationSettings settings, SchedulingStrategy strategy, Action<IterationProgress>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Iterations, 0);
        using var engine = new ExecutionEngine(settings.IterationTimeout);
        var clock = Stopwatch.StartNew();
        long totalSteps = 0;
        for (var i = 0; i < settings.Iterations; i++)
        {
            if (!strategy.PrepareIteration(i))
                return new ExplorationReport(program.Name, strategy.Name, strategy.Seed, i, true, totalSteps, clock.Elapsed, null);
            var label = strategy.IterationLabel;
            var run = engine.Run(program, strategy, settings.MaxSteps);
            totalSteps += run.Steps.Count;
            if (run.Mismatch is not null)
                throw new NondeterministicProgramException($"{program.Name}, {label}, seed {strategy.Seed}, iteration {i + 1}: {run.Mismatch.Message}");
            progress?.Invoke(new IterationProgress(i + 1, label, run.Steps.Count, run.Bug));
            if (run.Bug is null) continue;

            var elapsed = clock.Elapsed;
            var found = new Schedule(program.Name, label, strategy.Seed, i + 1, settings.MaxSteps, run.Steps, run.Bug);
            var shrink = settings.Shrink ? ScheduleShrinker.Shrink(engine, program, found, settings.ShrinkAttempts) : null;
            var reported = shrink?.Schedule ?? found;
            var failure = new Failure(reported.Bug!, found, reported, shrink, ReplayToken.Encode(reported));
            return new ExplorationReport(program.Name, strategy.Name, strategy.Seed, i + 1, false, totalSteps, elapsed, failure);
        }
        return new ExplorationReport(program.Name, strategy.Name, strategy.Seed, settings.Iterations, false, totalSteps, clock.Elapsed, null);
    }
}

/// <summary>Replaying the same decisions met a different state: the program depends on something outside the seam.</summary>
public sealed class NondeterministicProgramException(string message) : Exception(message);
