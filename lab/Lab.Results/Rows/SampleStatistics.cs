namespace Lab.Results;

/// <summary>Descriptive statistics of benchmark samples; see <see cref="BenchRow.FromSamples"/> for the definitions.</summary>
internal sealed record SampleStatistics(double Median, double P05, double P95, double Mean, double StdDev, double Min, double Max)
{
    public static SampleStatistics Of(IReadOnlyList<double> samples, string paramName)
    {
        if (samples.Count == 0)
            throw new ArgumentException("A benchmark row needs at least one sample.", paramName);
        // NaN would make the sort order, and so every percentile, meaningless.
        for (var i = 0; i < samples.Count; i++)
        {
            if (!double.IsFinite(samples[i]))
                throw new ArgumentException($"Sample {i} is {samples[i]}; samples must be finite numbers.", paramName);
        }

        var sorted = samples.ToArray();
        Array.Sort(sorted);
        var mean = sorted.Average();
        return new SampleStatistics(
            Median: Percentile(sorted, 0.50),
            P05: Percentile(sorted, 0.05),
            P95: Percentile(sorted, 0.95),
            Mean: mean,
            StdDev: SampleStdDev(sorted, mean),
            Min: sorted[0],
            Max: sorted[^1]);
    }

    /// <summary>Hyndman &amp; Fan type 7 (numpy "linear"): interpolate at h = (n - 1) * q over sorted samples.</summary>
    public static double Percentile(double[] sorted, double q)
    {
        if (q is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile lies in [0, 1].");
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    // Bessel's correction: the samples estimate a population, as BenchmarkDotNet also reports it.
    private static double SampleStdDev(double[] samples, double mean)
    {
        if (samples.Length < 2)
            return 0;
        var sum = 0.0;
        foreach (var x in samples)
            sum += (x - mean) * (x - mean);
        return Math.Sqrt(sum / (samples.Length - 1));
    }
}
