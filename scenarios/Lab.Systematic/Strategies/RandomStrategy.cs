namespace Lab.Systematic.Strategies;

/// <summary>
/// Uniform random choice at every scheduling point and for every value (Coyote's <c>random</c>, Shuttle's
/// RandomScheduler). Iteration i draws from its own stream, <c>Mix(seed, i)</c>, so a failing iteration is reproduced by
/// the seed and its number alone, whatever the iterations before it did.
/// </summary>
public sealed class RandomStrategy(ulong seed) : SchedulingStrategy
{
    private DeterministicRandom random = new(seed);

    public override string Name => "random";

    public override ulong Seed => seed;

    public override bool PrepareIteration(int iteration)
    {
        random = new DeterministicRandom(DeterministicRandom.Mix(seed, (ulong)iteration));
        return true;
    }

    public override int NextOperation(SchedulingContext context) => context.Eligible[random.Next(context.Eligible.Length)];

    public override int NextValue(ValueContext context) => random.Next(context.MaxExclusive);
}
