namespace Lab.Results;

/// <summary>
/// Everything a report shows, computed from rows alone (DESIGN.md: reports are rendered from CSV
/// only). Conformance and benchmarks come from separate commands, so each section has its own
/// latest run; a section is null when there are no rows of its kind.
/// </summary>
public sealed record ReportModel(ConformanceReport? Conformance, BenchReport? Bench)
{
    /// <summary>The systematic tester's figures (`lab explore`): the latest row of each series, whatever run wrote it.</summary>
    public SystematicReport? Systematic { get; init; }

    /// <summary>What changed since the last run: the top of the page. Null without any history to compare.</summary>
    public ChangesReport? Changes { get; init; }

    /// <summary>The nightly section: calibration of the comparison and a trend per series.</summary>
    public NightlyReport? Nightly { get; init; }

    /// <summary>The latest cross-OS matrix run (`lab matrix`): its images side by side.</summary>
    public CrossOsReport? CrossOs { get; init; }
}

/// <summary>Rows of systematic-*.csv: the corpus under both testers side by side (<see cref="Comparison"/>, from the
/// latest `lab explore corpus` run), and the other series grouped as benchmarks are: schedules per second in process
/// and across processes, PCT's observed rate next to its bound.</summary>
public sealed record SystematicReport(DateTimeOffset LatestUtc, int RowCount, IReadOnlyList<BenchGroup> Groups)
{
    public SystematicComparison? Comparison { get; init; }
}

/// <summary>The run a section describes. <paramref name="Utc"/> is the latest row time of the run.</summary>
public sealed record RunHeader(
    string RunId,
    DateTimeOffset Utc,
    string Host,
    string Os,
    string Runtime,
    int RowCount,
    IReadOnlyList<SubjectVersion> Subjects);

public sealed record SubjectVersion(string Subject, string Version);

public sealed record OutcomeCount(string Outcome, int Count);

public sealed record ConformanceReport(
    RunHeader Run,
    IReadOnlyList<OutcomeCount> Counts,
    IReadOnlyList<ConformanceRow> Failures,
    ConformanceMatrix Matrix,
    IReadOnlyList<Divergence> Divergences);

/// <summary>Scenarios down, subject x start method across; <see cref="MatrixRow.Cells"/> aligns with <see cref="Columns"/>.</summary>
public sealed record ConformanceMatrix(IReadOnlyList<MatrixColumn> Columns, IReadOnlyList<MatrixRow> Rows);

public sealed record MatrixColumn(string Subject, string StartMethod);

/// <summary>A null cell means the scenario has no row for that subject and start method.</summary>
public sealed record MatrixRow(string Scenario, string Area, IReadOnlyList<MatrixCell?> Cells);

/// <summary>
/// All outcomes of one scenario on one subject and start method (several when a property
/// scenario ran several seeds), most severe first: fail, error, hang, any unknown outcome, skip, pass.
/// <paramref name="Worst"/> is the first of them.
/// </summary>
public sealed record MatrixCell(IReadOnlyList<OutcomeCount> Outcomes, string Worst);

/// <summary>
/// A scenario on which two subjects observed different things for the same start method and seed:
/// the lab's most valuable output (DESIGN.md, "What the product is"). <paramref name="StartMethods"/>
/// are those where they disagree; <paramref name="Entries"/> are all the scenario's rows, for context.
/// <paramref name="Verdict"/> is <see cref="Verdicts.Defect"/> if any row says so, otherwise the
/// reviewed verdict if every row has one, otherwise <see cref="Verdicts.Unreviewed"/>.
/// </summary>
public sealed record Divergence(
    string Scenario,
    string Area,
    IReadOnlyList<string> StartMethods,
    IReadOnlyList<DivergenceEntry> Entries,
    string Verdict,
    string Reason = "");

public sealed record DivergenceEntry(
    string Subject,
    string StartMethod,
    string? Seed,
    string Params,
    string Expected,
    string Observed,
    string Outcome,
    string Verdict);

/// <summary>
/// Benchmarks of the latest bench run. Ratios divide each median by the median of the
/// <paramref name="ReferenceSubject"/>/<paramref name="ReferenceStartMethod"/> row of the same
/// benchmark and params.
/// </summary>
public sealed record BenchReport(
    RunHeader Run,
    string ReferenceSubject,
    string ReferenceStartMethod,
    IReadOnlyList<BenchGroup> Groups)
{
    /// <summary>Sweeps of the latest run (e.g. per-task time against chunksize).</summary>
    public IReadOnlyList<BenchChart> Charts { get; init; } = [];

    /// <summary>task-size-speedup and argument-size-crossover of the latest run (seeds 59.30); null without their rows.</summary>
    public PerformanceModel? PerformanceModel { get; init; }
}

/// <summary>
/// One benchmark with one params value. <paramref name="Scale"/> is the largest p95 in the group,
/// so that bars (median) and whiskers (p05..p95) share one axis and all fit.
/// </summary>
public sealed record BenchGroup(string Benchmark, string Params, IReadOnlyList<BenchLine> Lines, double Scale);

/// <summary><paramref name="RatioToReference"/> is null when the group has no usable reference row.</summary>
public sealed record BenchLine(
    string Subject,
    string SubjectVersion,
    string StartMethod,
    string Unit,
    int N,
    double Median,
    double P05,
    double P95,
    double? RatioToReference,
    bool IsReference);
