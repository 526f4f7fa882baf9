using System.Globalization;
using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Systematic.Exploration;
using Lab.Systematic.Traces;

namespace Lab.Scenarios.EngineTwins.Systematic;

/// <summary>
/// The base of the systematic area's twins: an exploration under the controlled scheduler, which does not depend on a
/// start method, so it runs once, under spawn. Helpers: the scheduler's seed, the failure's description, the replay check.
/// </summary>
public abstract class SystematicTwin : EngineTwin
{
    public override string? NotUnder(StartMethod method) =>
        method == StartMethod.Spawn ? null : "an exploration does not depend on the start method: it runs once, under spawn";

    /// <summary>The case's program name (the <c>program</c> parameter).</summary>
    protected static string ProgramName(CaseCall @case) =>
        Convert.ToString(@case.Params["program"], CultureInfo.InvariantCulture)
        ?? throw new ArgumentException($"case of '{@case.Twin}' has no program parameter");

    /// <summary>The scheduler's seed for a run: the run's seed, so `lab run --seed N` repeats the same schedules.</summary>
    protected static ulong SchedulerSeed(RunSettings settings) => (ulong)(uint)settings.Seed;

    /// <summary>What a failure prints besides the bug: the token, the shrink summary and the commands that replay it.
    /// <paramref name="options"/> are further `lab explore` options the exploration used (e.g. a fault plan).</summary>
    protected static string Describe(ExplorationReport report, ExplorationSettings settings, string options = "")
    {
        var explore = $"lab explore {report.Program} {options}--strategy {settings.Strategy} --iterations {settings.Iterations} --seed {settings.Seed}";
        if (report.Failure is not { } failure)
            return $"{report.Iterations} iterations of {report.Strategy} (seed {settings.Seed}){(report.Exhausted ? ", exhausted" : "")}, no bug; " +
                $"{report.SchedulesPerSecond:F0} schedules/s; re-run: {explore}";
        return $"{failure.Bug} (found by {failure.FoundBy} at iteration {failure.Iteration}, seed {settings.Seed}; " +
            $"{failure.Reported.Preemptions} preemption(s), {failure.Reported.Steps.Count} steps after shrinking); " +
            $"token: {failure.Token}; replay: lab replay {failure.Token}; re-run: {explore}";
    }

    /// <summary>Whether the reported (shrunk) schedule replays strictly to the same bug.</summary>
    protected static bool Replays(SystematicProgram program, Failure failure)
    {
        var outcome = Replayer.Replay(program, ReplayToken.Decode(failure.Token));
        return outcome.Reproducible && outcome.Bug?.Signature == failure.Bug.Signature;
    }
}
