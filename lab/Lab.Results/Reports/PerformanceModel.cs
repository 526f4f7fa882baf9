namespace Lab.Results;

/// <summary>
/// The performance model of seeds 59.30 ("when does multiprocessing help?") and 59.34 ("sending huge objects repeatedly"),
/// from the latest bench run: per subject and start method, where a parallel or shared-memory way starts to pay.
/// </summary>
/// <param name="TaskSize">task-size-speedup: serial (baseline) against the pool (candidate), per task size in µs; the
/// threshold is the break-even task size.</param>
/// <param name="ArgumentSize">argument-size-crossover: the channel (baseline) against shared memory (candidate), per argument
/// size in bytes; the threshold is the crossover size.</param>
public sealed record PerformanceModel(IReadOnlyList<CrossoverSeries> TaskSize, IReadOnlyList<CrossoverSeries> ArgumentSize)
{
    /// <summary>Speedup (serial ÷ pool) against task size, one line per subject/method.</summary>
    public BenchChart? SpeedupChart { get; init; }

    /// <summary>Per-task cost against argument size, two lines (channel, shared-memory) per subject/method.</summary>
    public BenchChart? ArgumentCostChart { get; init; }

    public IEnumerable<BenchChart> Charts => new[] { SpeedupChart, ArgumentCostChart }.OfType<BenchChart>();
}

/// <summary>One benchmark of the model: which params hold the swept size and the mode, and which two modes it compares.</summary>
/// <param name="SizeParam">The swept size (x).</param>
/// <param name="Varying">Params that change along the sweep besides the size and the mode (the task count follows the size).</param>
public sealed record CrossoverSpec(string Benchmark, string SizeParam, string Baseline, string Candidate, string Unit, IReadOnlyList<string> Varying)
{
    public const string ModeParam = "mode";
}

/// <summary>The medians of both modes at one size; <see cref="Ratio"/> is baseline ÷ candidate (the pool's speedup; how many
/// times cheaper shared memory is).</summary>
public sealed record CrossoverPoint(double Size, double Baseline, double Candidate)
{
    public double Ratio => Baseline / Candidate;

    public bool CandidateWins => Candidate < Baseline;
}

/// <summary>
/// One subject and start method over the sweep, in size order (sizes measured in both modes only). <see cref="Threshold"/>
/// is the smallest size from which the candidate is faster at that size and every larger one of the sweep; null when it
/// is not faster at the largest size ("never breaks even", "no crossover within the sweep"). A win at a small size that
/// is lost again at a larger one is noise or a different regime, not the threshold.
/// </summary>
/// <param name="Params">The params common to the sweep (plan, workers, chunksize), as <see cref="RowParams"/>.</param>
public sealed record CrossoverSeries(string Subject, string StartMethod, string Params, IReadOnlyList<CrossoverPoint> Points, double? Threshold)
{
    public string Label => $"{Subject}/{StartMethod}";

    /// <summary>The candidate is faster at every size of the sweep (the threshold is at or below the smallest size).</summary>
    public bool WinsThroughout => Threshold is { } t && Points.Count > 0 && t <= Points[0].Size;
}
