namespace Lab.Results;

/// <summary>
/// One raw sample of one benchmark series in one run: a line of <c>samples-*.csv</c>, written beside the run's
/// <c>bench-*.csv</c> summary. The summary throws the samples away; a regression is decided on them (Mann–Whitney U,
/// <see cref="Nightly.SeriesComparer"/>), so they are kept. Every row carries its series' whole key
/// (<see cref="Nightly.SeriesKey"/>), so a file reads on its own. Column order is the order of the properties below.
/// </summary>
public sealed record SampleRow
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
    public string Params { get; init => field = value ?? ""; } = "";
    public required string Unit { get; init; }

    /// <summary>See <see cref="RunInfo.Commit"/>.</summary>
    public string Commit { get; init => field = value ?? ""; } = "";

    /// <summary>The OS image a container run was made in; "" outside containers (and until the matrix runs tag rows with it).</summary>
    public string Image { get; init => field = value ?? ""; } = "";

    /// <summary>0-based position of the sample in its series, in the order it was measured.</summary>
    public required int Sample { get; init; }

    /// <summary>The sample, in <see cref="Unit"/>.</summary>
    public required double Value { get; init; }

    /// <summary>The rows of one series' samples, in measured order.</summary>
    /// <exception cref="ArgumentException">A sample is NaN or infinite.</exception>
    public static IEnumerable<SampleRow> FromSamples(RunInfo run, string subject, string subjectVersion, string startMethod, string benchmark,
        string @params, string unit, IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(samples);
        for (var i = 0; i < samples.Count; i++)
        {
            if (!double.IsFinite(samples[i]))
                throw new ArgumentException($"Sample {i} is {samples[i]}; samples must be finite numbers.", nameof(samples));
        }
        @params = RowParams.Normalize(@params);
        return samples.Select((value, i) => new SampleRow
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
            Params = @params,
            Unit = unit,
            Commit = run.Commit,
            Sample = i,
            Value = value,
        });
    }
}
