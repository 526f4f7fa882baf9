using System.Diagnostics;
using Lab.Systematic.Exploration;
using Lab.Systematic.Strategies;
using Lab.Systematic.Traces;

namespace Lab.Systematic.Processes;

/// <summary>
/// Explores a <see cref="ProcessProgram"/> as <see cref="Explorer"/> does an in-process one: iterations under a strategy
/// and a fault plan until a bug, the budget, or an exhausted strategy or plan (the "kill at every point" enumeration ends
/// when the victim completes before its next point). No shrinking: each run starts real processes (about 25 ms each),
/// and a schedule over 2-3 processes with tens of steps is short already. The report's schedule is the one found.
/// </summary>
public static class ProcessExplorer
{
    public static ExplorationReport Explore(ProcessProgram program, ExplorationSettings settings, FaultMode faults,
        Action<IterationProgress>? progress = null, Action<ProcessIterationResult>? observe = null, ProcessScheduler? scheduler = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Iterations, 0);
        var strategy = settings.CreateStrategy();
        var plan = FaultPlan.Create(faults, program.Victim, settings.Seed);
        using var owned = scheduler is null ? new ProcessScheduler() : null;
        scheduler ??= owned!;
        var clock = Stopwatch.StartNew();
        long totalSteps = 0;
        var strategyIteration = 0;
        for (var i = 0; i < settings.Iterations; i++)
        {
            if (!plan.PrepareIteration(i))
                return new ExplorationReport(program.Name, Label(strategy.Name, plan), strategy.Seed, i, true, totalSteps, clock.Elapsed, null);
            if (!strategy.PrepareIteration(strategyIteration++))
            {
                if (plan is not KillAtEveryPoint)
                    return new ExplorationReport(program.Name, Label(strategy.Name, plan), strategy.Seed, i, true, totalSteps, clock.Elapsed, null);
                // The kill enumeration drives: an exhausted strategy (a DFS of a one-process program has one schedule)
                // starts over for the next kill point.
                strategy = settings.CreateStrategy();
                strategyIteration = 0;
                strategy.PrepareIteration(strategyIteration++);
            }
            var label = Label(strategy.IterationLabel, plan);
            var result = scheduler.Run(program, strategy, plan, settings.MaxSteps, prestartNext: i + 1 < settings.Iterations);
            var run = result.Run;
            totalSteps += run.Steps.Count;
            observe?.Invoke(result);
            if (run.Mismatch is not null)
                throw new NondeterministicProgramException($"{program.Name}, {label}, seed {strategy.Seed}, iteration {i + 1}: {run.Mismatch.Message}");
            progress?.Invoke(new IterationProgress(i + 1, label, run.Steps.Count, run.Bug));
            if (run.Bug is null) continue;
            var found = new Schedule(program.Name, label, strategy.Seed, i + 1, settings.MaxSteps, run.Steps, run.Bug);
            var failure = new Failure(run.Bug, found, found, null, ReplayToken.Encode(found));
            return new ExplorationReport(program.Name, Label(strategy.Name, plan), strategy.Seed, i + 1, false, totalSteps, clock.Elapsed, failure);
        }
        return new ExplorationReport(program.Name, Label(strategy.Name, plan), strategy.Seed, settings.Iterations, false, totalSteps, clock.Elapsed, null);
    }

    /// <summary>Re-runs <paramref name="schedule"/> step by step: scheduling steps through <see cref="ReplayStrategy"/>,
    /// kill steps through <see cref="ReplayFaults"/>; same outcome rules as <see cref="Replayer"/>.</summary>
    public static ReplayOutcome Replay(ProcessProgram program, Schedule schedule, ProcessScheduler? scheduler = null)
    {
        if (program.Name != schedule.Program)
            throw new ArgumentException($"the schedule is for program '{schedule.Program}', not '{program.Name}'", nameof(program));
        var strategy = new ReplayStrategy(schedule.Steps);
        strategy.PrepareIteration(0);
        using var owned = scheduler is null ? new ProcessScheduler() : null;
        var run = (scheduler ?? owned!).Run(program, strategy, new ReplayFaults(schedule.Steps), schedule.MaxSteps).Run;
        return Replayer.Judge(schedule, run);
    }

    private static string Label(string strategy, FaultPlan plan) => plan is NoFaults ? strategy : $"{strategy}+{plan.Name}";
}
