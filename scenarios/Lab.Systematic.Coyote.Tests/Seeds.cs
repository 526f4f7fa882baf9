namespace Lab.Systematic.Coyote.Tests;

/// <summary>The run's seed (house rule 3): LAB_SEED if set, to replay a failed run, else a fresh one, printed by every
/// failure with the command that replays it.</summary>
internal static class Seeds
{
    public static ulong Run { get; } = ulong.TryParse(Environment.GetEnvironmentVariable("LAB_SEED"), out var seed) ? seed : (ulong)Random.Shared.NextInt64();

    public static string Replay(string program, CoyoteSettings settings) =>
        $"run seed {Run}, Coyote seed {settings.Seed}, strategy {settings.Strategy.Name}, {settings.Iterations} iterations; " +
        $"re-run: LAB_SEED={Run} dotnet test scenarios/Lab.Systematic.Coyote.Tests --filter {program}; or lab explore corpus --tester coyote --seed {Run}";
}
