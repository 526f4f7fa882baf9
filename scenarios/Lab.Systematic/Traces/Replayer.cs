using Lab.Systematic.Exploration;
using Lab.Systematic.Strategies;

namespace Lab.Systematic.Traces;

/// <summary>
/// The result of replaying a schedule. <see cref="Reproducible"/>: every step matched and the run ended the way the
/// schedule did (the same bug — <see cref="Bug.Signature"/>, or kind alone for a token, which carries no message — at
/// the same step, or no bug). Otherwise <see cref="Message"/> reads "trace is not reproducible at step N: …".
/// </summary>
public sealed record ReplayOutcome(bool Reproducible, Bug? Bug, int? MismatchStep, string Message, IterationResult Run);

/// <summary>Re-executes a recorded schedule under <see cref="ReplayStrategy"/>, checking every step.</summary>
public static class Replayer
{
    public static ReplayOutcome Replay(SystematicProgram program, Schedule schedule, TimeSpan? iterationTimeout = null)
    {
        using var engine = new ExecutionEngine(iterationTimeout ?? TimeSpan.FromSeconds(60));
        return Replay(engine, program, schedule);
    }

    public static ReplayOutcome Replay(ExecutionEngine engine, SystematicProgram program, Schedule schedule)
    {
        if (program.Name != schedule.Program)
            throw new ArgumentException($"the schedule is for program '{schedule.Program}', not '{program.Name}'", nameof(program));
        var strategy = new ReplayStrategy(schedule.Steps);
        strategy.PrepareIteration(0);
        return Judge(schedule, engine.Run(program, strategy, schedule.MaxSteps));
    }

    /// <summary>Whether <paramref name="run"/>, made under a replay of <paramref name="schedule"/>, reproduced it: every
    /// step (checked as it ran), no step missing, and the same end. Shared by the in-process and the process replays.</summary>
    internal static ReplayOutcome Judge(Schedule schedule, IterationResult run)
    {
        if (run.Mismatch is not null)
            return new ReplayOutcome(false, null, run.Mismatch.Step, run.Mismatch.Message, run);
        if (run.Steps.Count < schedule.Steps.Count)
            return NotReproducible(run.Steps.Count + 1, $"the program ended ({Describe(run.Bug)}) but the trace has {schedule.Steps.Count} steps", run);
        if (!SameEnd(schedule.Bug, run.Bug))
            return NotReproducible(Math.Max(run.Steps.Count, 1), $"the trace ends in {Describe(schedule.Bug)} but the replay ended in {Describe(run.Bug)}", run);
        return new ReplayOutcome(true, run.Bug, null, run.Bug is null ? "replayed: no bug, as recorded" : $"reproduced: {run.Bug}", run);
    }

    private static bool SameEnd(Bug? expected, Bug? actual)
    {
        if (expected is null || actual is null) return expected is null && actual is null;
        if (expected.Kind != actual.Kind || expected.Step != actual.Step) return false;
        return expected.Message.Length == 0 || expected.Signature == actual.Signature;
    }

    private static string Describe(Bug? bug) => bug is null ? "no bug" : $"{bug.Kind.ToName()} \"{bug.Message}\"";

    private static ReplayOutcome NotReproducible(int step, string reason, IterationResult run) =>
        new(false, null, step, $"trace is not reproducible at step {step}: {reason}", run);
}
