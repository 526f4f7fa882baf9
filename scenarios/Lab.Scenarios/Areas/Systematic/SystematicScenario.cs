using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Systematic.Exploration;
using Lab.Systematic.Traces;

namespace Lab.Scenarios.Areas.Systematic;

/// <summary>
/// A scenario whose check is a systematic exploration (issue #5 §5: "systematic scenarios also run in `lab run` and in
/// the test suite with small budgets; big budgets belong to nightly runs"). It has no CPython twin: the subject is the
/// lab's own controlled scheduler, and it does not depend on a start method, so it runs once, under spawn.
/// </summary>
public abstract class SystematicScenario : Scenario
{
    public override bool HasCpythonTwin => false;

    public override bool AppliesToEngine(StartMethod method) => method == StartMethod.Spawn;

    public override TimeSpan Budget => TimeSpan.FromSeconds(120);

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
