namespace Lab.Results;

/// <summary>
/// One measured rate of the nightly comparison (<see cref="Nightly.Calibration"/>): a line of <c>calibration-*.csv</c>,
/// written by `lab bench --calibrate` and shown in the report's nightly section.
/// </summary>
public sealed record CalibrationRow
{
    public required string RunId { get; init; }
    public required DateTimeOffset Utc { get; init; }
    public required string Host { get; init; }
    public required string Os { get; init; }
    public required string Runtime { get; init; }
    public string Commit { get; init => field = value ?? ""; } = "";

    /// <summary><c>false-alarm</c>, <c>power+10%</c>, <c>power+25%</c>.</summary>
    public required string Check { get; init; }

    /// <summary>The benchmarks measured, comma-separated.</summary>
    public required string Benchmarks { get; init; }

    public required int Trials { get; init; }
    public required int Flagged { get; init; }
    public required double Rate { get; init; }
    public required double Goal { get; init; }

    /// <summary><c>at-most</c> (a false-alarm rate) or <c>at-least</c> (a detection power).</summary>
    public required string GoalKind { get; init; }

    public required bool Met { get; init; }

    /// <summary>The comparison's settings: <see cref="RowParams"/> JSON, e.g. <c>{"alpha":0.01,"n":20,"noise_coverage":0.99,"threshold":0.05,"warmup":3,"window":10}</c>.</summary>
    public required string Params { get; init; }
}
