using Lab.Systematic.Exploration;
using Lab.Systematic.Traces;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>
/// Failure messages of this suite (house rule 3): the seed, the strategy, the token and the command that replays it.
/// A token replays one schedule exactly (<c>lab replay TOKEN</c>); the seed re-runs the whole exploration
/// (<c>lab explore PROGRAM --strategy S --seed N</c>).
/// </summary>
internal static class Explain
{
    /// <summary>The seed of explorations whose claims hold for any seed: LAB_SEED if set (to replay a failed run),
    /// else a fresh one per test run.</summary>
    public static ulong Seed { get; } = ulong.TryParse(Environment.GetEnvironmentVariable("LAB_SEED"), out var seed) ? seed : (ulong)Random.Shared.NextInt64();

    public static string Report(ExplorationReport report, ExplorationSettings settings) =>
        report.Failure is { } f
            ? $"{report.Program}: {f.Bug} (found by {f.FoundBy} at iteration {f.Iteration}, seed {report.Seed})\n" + Schedule(f.Reported, f.Token) + "\n" + Rerun(report.Program, settings)
            : $"{report.Program}: no bug in {report.Iterations} iterations{(report.Exhausted ? " (strategy exhausted)" : "")}, seed {report.Seed}\n" + Rerun(report.Program, settings);

    public static string Schedule(Schedule schedule, string? token = null)
    {
        token ??= ReplayToken.Encode(schedule);
        return $"  seed {schedule.Seed}, {schedule.Strategy}, iteration {schedule.Iteration}\n  token: {token}\n  replay: lab replay {token}";
    }

    /// <summary>Runs <paramref name="assertions"/>; a failing one gets <paramref name="context"/> (seed, token, replay
    /// command) appended to its message.</summary>
    public static void Within(string context, Action assertions)
    {
        try
        {
            assertions();
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\n{context}");
        }
    }

    private static string Rerun(string program, ExplorationSettings settings) =>
        $"  re-run: lab explore {program} --strategy {settings.Strategy} --seed {settings.Seed} --iterations {settings.Iterations} --max-steps {settings.MaxSteps}" +
        $"  (or LAB_SEED={settings.Seed} dotnet test scenarios/Lab.Systematic.Tests)";
}
