using FsCheck;
using FsCheck.Fluent;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Support;

/// <summary>
/// Runs an FsCheck 3 property from a lab seed. The seed fixes FsCheck's random source (Replay with a fixed
/// gamma), so `--seed N` reproduces the very same generated cases and shrinking; a failure reports FsCheck's
/// own counterexample text together with the seed and the command that replays it.
/// </summary>
public static class PropertyRunner
{
    /// <summary>Any odd 64-bit constant is a valid SplitMix gamma; this one is the golden ratio's.</summary>
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    public static Observation Passed { get; } = Observation.Of(("property", "passed"));
    public static Observation Falsified { get; } = Observation.Of(("property", "falsified"));

    public static Observation Check(Property property, string scenarioId, RunSettings settings, int maxTest)
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(maxTest)
            .WithQuietOnSuccess(true)
            .WithReplay(new Replay(new Rnd((ulong)settings.Seed, Gamma), null));
        try
        {
            global::FsCheck.Check.One(config, property);
            return Passed.WithDetail($"{maxTest} generated cases passed (seed {settings.Seed})");
        }
        catch (Exception e) when (e.Message.Contains("Falsifiable", StringComparison.Ordinal))
        {
            return Falsified.WithDetail(
                $"{e.Message.Trim()}\nseed: {settings.Seed}\nreplay: lab run --scenario {scenarioId} --seed {settings.Seed}");
        }
    }

    public static ScenarioCase Case(RunSettings settings) =>
        new($"seed {settings.Seed}", new Dictionary<string, object?> { ["seed"] = settings.Seed, ["tests"] = settings.PropertyTests }, Passed);
}
