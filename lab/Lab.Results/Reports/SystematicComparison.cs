namespace Lab.Results;

/// <summary>
/// The seeded-bug corpus under both systematic testers, side by side (issue #13): programs down, (tester, strategy)
/// across, from the rows of the latest `lab explore corpus` run. <see cref="ComparisonRow.Cells"/> aligns with
/// <see cref="Columns"/>. Ours are ratios to Coyote's best strategy on the same program; <see cref="Findings"/> are the
/// differential check; <see cref="Goals"/> the two goals, checked per program (benchmarks: reported, never
/// asserted).
/// </summary>
public sealed record SystematicComparison(
    string RunId,
    IReadOnlyList<TesterStrategy> Columns,
    IReadOnlyList<ComparisonRow> Rows,
    IReadOnlyList<DifferentialFinding> Findings,
    IReadOnlyList<GoalCheck> Goals);

/// <summary>A column: <paramref name="Tester"/> is <see cref="SystematicComparisonBuilder.Ours"/> or
/// <see cref="SystematicComparisonBuilder.Coyote"/>.</summary>
public sealed record TesterStrategy(string Tester, string Strategy)
{
    public override string ToString() => $"{Tester} {Strategy}";
}

/// <summary>
/// One program under one tester's strategy. <paramref name="MedianIterations"/> is the median over the seeds tried of
/// the iterations to the first bug, a seed that found nothing within the budget counting as infinitely many (so it is
/// null when half the seeds or more found nothing). <paramref name="SchedulesPerSecond"/> is the median over seeds of
/// the twin's exploration through its budget. <paramref name="TwinBugs"/> of <paramref name="TwinTried"/> seeds found a
/// bug in the corrected twin. Ratios are set on our columns only: iterations ÷ Coyote's best (lowest) median, schedules/s
/// ÷ Coyote's best (highest).
/// </summary>
public sealed record ComparisonCell(
    int Found,
    int Tried,
    int Budget,
    IReadOnlyList<double> Iterations,
    double? MedianIterations,
    double? SchedulesPerSecond,
    int TwinBugs,
    int TwinTried,
    double? IterationsRatio,
    double? SpeedRatio);

/// <summary>A program's row; the best Coyote strategies are named (null when none found the bug / none measured).</summary>
public sealed record ComparisonRow(
    string Program,
    IReadOnlyList<ComparisonCell?> Cells,
    string? CoyoteBestIterationsStrategy,
    double? CoyoteBestIterations,
    string? CoyoteFastestStrategy,
    double? CoyoteFastest);

/// <summary>
/// Where the testers disagree: a bug one tester found within the budget (by any strategy, any seed) and the other did
/// not; a bug one tester's random or PCT found and the other's same algorithm did not; differing bug kinds; or a
/// corrected twin in which a tester found a bug. Each is either a weakness of one tester or a bug of the
/// other (or of the binding): the report lists them for a person to judge.
/// </summary>
public sealed record DifferentialFinding(string Program, string Kind, string Detail)
{
    public const string OnlyOurs = "found by ours only";
    public const string OnlyCoyote = "found by Coyote only";
    public const string TwinBug = "bug in a corrected twin";
    public const string OnlyOurStrategy = "found by our strategy only";
    public const string OnlyCoyoteStrategy = "found by Coyote's strategy only";
}

/// <summary>One of the goals on one program, with the figures behind the verdict; <paramref name="Met"/> null
/// when a figure is missing (e.g. no Coyote strategy found the bug, so there is no best to compare with).</summary>
public sealed record GoalCheck(string Goal, string Program, bool? Met, string Detail);
