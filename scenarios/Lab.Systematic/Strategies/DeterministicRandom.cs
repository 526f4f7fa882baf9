namespace Lab.Systematic.Strategies;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): a tiny PRNG
/// owned by the lab, so that a seed names the same schedule on every runtime version (System.Random's algorithm is
/// an implementation detail). <see cref="Mix"/> derives independent streams, e.g. one per iteration or per member.
/// </summary>
public sealed class DeterministicRandom(ulong seed)
{
    private ulong state = seed;

    public ulong NextUInt64()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Finalize(state);
    }

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>), by Lemire's multiply-shift (bias below 2^-32 here).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "must be positive");
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>A seed for stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public static ulong Mix(ulong seed, ulong stream) => Finalize(seed ^ Finalize(stream + 0x9E3779B97F4A7C15UL));

    private static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
