namespace Lab.Results;

/// <summary>
/// The summary of one benchmark's samples on one subject with one start method: a line of
/// <c>bench-*.csv</c>. Rows carry figures, never a pass/fail (DESIGN.md, "Scenarios": benchmarks
/// are measured, not asserted). Column order is fixed by <see cref="Csv.BenchRowMap"/>.
/// </summary>
public sealed record BenchRow
{
    public required string RunId { get; init; }
    public required DateTimeOffset Utc { get; init; }
    public required string Host { get; init; }
    public required string Os { get; init; }
    public required string Runtime { get; init; }
    public required string Subject { get; init; }
    public required string SubjectVersion { get; init; }
    public required string StartMethod { get; init; }
    public required string Benchmark { get; init; }

    /// <summary>The parameters in <see cref="RowParams"/>' JSON form, e.g. <c>{"chunksize":8,"n":20,"warmup":3}</c>; rows compare
    /// only with equal params.</summary>
    public string Params { get; init; } = "";

    /// <summary>Unit of every figure below, e.g. <c>ms</c> or <c>items/s</c>.</summary>
    public required string Unit { get; init; }

    /// <summary>Number of samples behind the figures.</summary>
    public required int N { get; init; }

    public required double Median { get; init; }
    public required double P05 { get; init; }
    public required double P95 { get; init; }
    public required double Mean { get; init; }

    /// <summary>Sample standard deviation (n - 1 denominator); 0 for a single sample.</summary>
    public required double StdDev { get; init; }

    public required double Min { get; init; }
    public required double Max { get; init; }

    /// <summary>The commit the measured code was built from (<see cref="RunInfo.Commit"/>); "" when unknown, and in files
    /// written before the column existed.</summary>
    public string Commit { get; init => field = value ?? ""; } = "";

    /// <summary>The OS image the row was measured in, as `lab matrix` names it (suite and recipe hash, e.g.
    /// <c>bookworm@3f2a9c1b7d0e</c>); empty for a run on the host and in files written before the column existed.</summary>
    public string Image { get; init => field = value ?? ""; } = "";

    /// <summary>
    /// Summarises raw samples. Percentiles use linear interpolation between closest ranks
    /// (Hyndman &amp; Fan type 7, numpy's default <c>method="linear"</c>): the q-quantile of n sorted
    /// samples x is x[h] interpolated at h = (n - 1) * q. So for 1..100 the median is 50.5,
    /// p05 is 5.95 and p95 is 95.05.
    /// </summary>
    /// <exception cref="ArgumentException">No samples, or a sample that is NaN or infinite.</exception>
    public static BenchRow FromSamples(
        RunInfo run,
        string subject,
        string subjectVersion,
        string startMethod,
        string benchmark,
        string @params,
        string unit,
        IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(samples);
        var stats = SampleStatistics.Of(samples, nameof(samples));
        return new BenchRow
        {
            RunId = run.RunId,
            Utc = run.Utc,
            Host = run.Host,
            Os = run.Os,
            Runtime = run.Runtime,
            Subject = subject,
            SubjectVersion = subjectVersion,
            StartMethod = startMethod,
            Benchmark = benchmark,
            Params = RowParams.Normalize(@params),
            Unit = unit,
            N = samples.Count,
            Median = stats.Median,
            P05 = stats.P05,
            P95 = stats.P95,
            Mean = stats.Mean,
            StdDev = stats.StdDev,
            Min = stats.Min,
            Max = stats.Max,
            Commit = run.Commit,
            Image = run.Image,
        };
    }
}
