using Lab.Systematic.Strategies;
using Microsoft.Coyote;

namespace Lab.Systematic.Coyote;

/// <summary>
/// One Coyote exploration: strategy, iteration budget, step bound and seed. Coyote stops at the first bug (its default)
/// and, at the step bound, ends the iteration without reporting a bug (its default too: we do not turn on
/// <c>WithFailureOnMaxStepsBoundEnabled</c>, ours reports a liveness violation there). Telemetry is off; concurrency the
/// binding failed to control is an error rather than tolerated (<c>WithPartiallyControlledConcurrencyAllowed(false)</c>).
/// </summary>
public sealed record CoyoteSettings(CoyoteStrategy Strategy, int Iterations, uint Seed, int MaxSteps = 1000)
{
    public Configuration ToConfiguration()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Iterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSteps, 1);
        var configuration = Configuration.Create()
            .WithTestingIterations((uint)Iterations)
            .WithMaxSchedulingSteps((uint)MaxSteps)
            .WithRandomGeneratorSeed(Seed)
            .WithPartiallyControlledConcurrencyAllowed(false)
            .WithTelemetryEnabled(false);
        return Strategy.Apply(configuration);
    }

    /// <summary>
    /// Coyote's seed for exploration <paramref name="index"/> of a run with seed <paramref name="seed"/>. Coyote seeds
    /// iteration i with seed + i, so explorations with consecutive seeds replay nearly the same schedules shifted by one
    /// iteration (measured here): the seeds of different explorations must be far apart, so they are hashed.
    /// </summary>
    public static uint SpreadSeed(ulong seed, int index) => (uint)(DeterministicRandom.Mix(seed, (ulong)index) >> 32);
}
