using System.Globalization;

namespace Lab.Results;

/// <summary>
/// Builds the <see cref="SystematicComparison"/> from systematic rows alone (pure, deterministic). The rows it reads,
/// all written by `lab explore corpus` in one run:
/// <list type="bullet">
/// <item><see cref="SeedsFindingBug"/> — one per (tester, strategy, program or twin): the sample is how many seeds
/// found a bug; params <c>program</c>, <c>budget</c>, <c>seeds</c> and <c>iterations</c> (per seed, '/'-separated, '-'
/// for none within the budget) and <c>kinds</c> (the bug kinds reported);</item>
/// <item><see cref="SchedulesPerSecond"/> on a twin (<c>program=NAME.fixed</c>): the twin's explorations through
/// its budget, one sample per seed.</item>
/// </list>
/// The tester is the row's subject: <see cref="OursSubject"/> or <see cref="CoyoteSubject"/>.
/// </summary>
public static class SystematicComparisonBuilder
{
    public const string SeedsFindingBug = "systematic-seeds-finding-bug";
    public const string SchedulesPerSecond = "systematic-schedules-per-second";
    public const string IterationsToBug = "systematic-iterations-to-bug";
    public const string OursSubject = "systematic";
    public const string CoyoteSubject = "coyote";
    public const string Ours = "ours";
    public const string Coyote = "coyote";
    public const string TwinSuffix = ".fixed";
    public const string NotFound = "-";

    /// <summary>Our schedules per second at least this many times Coyote's fastest strategy on the same program (issue
    /// #13's goal; a benchmark, reported).</summary>
    public const double SpeedGoal = 20;

    public const string PortfolioStrategy = "portfolio";

    private static readonly string[] OursOrder = ["random", "pct", "dfs", "portfolio"];

    /// <summary>Strategies of the same algorithm in both testers, compared one to one as well: random scheduling, and
    /// PCT (Coyote's prioritization). The DFS are not: ours is bounded by preemptions, Coyote's is not, so they differ
    /// by design.</summary>
    public static IReadOnlyList<(string Ours, string Coyote)> Counterparts { get; } = [("random", "random"), ("pct", "prioritization")];
    private static readonly string[] CoyoteOrder = ["random", "prioritization", "probabilistic", "dfs"];

    public static string? TesterOf(string subject) => subject switch
    {
        OursSubject => Ours,
        CoyoteSubject => Coyote,
        _ => null,
    };

    /// <summary>Null when no run wrote <see cref="SeedsFindingBug"/> rows.</summary>
    public static SystematicComparison? Build(IEnumerable<BenchRow> rows)
    {
        var all = rows.Where(r => TesterOf(r.Subject) is not null).ToList();
        var runId = all.Where(r => r.Benchmark == SeedsFindingBug)
            .GroupBy(r => r.RunId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Max(r => r.Utc)).ThenByDescending(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault();
        if (runId is null)
            return null;
        var run = all.Where(r => r.RunId == runId).ToList();
        var searches = run.Where(r => r.Benchmark == SeedsFindingBug).Select(Search.Of).Where(s => s is not null).Select(s => s!).ToList();

        var columns = searches.Select(s => new TesterStrategy(s.Tester, s.Strategy)).Distinct()
            .OrderBy(c => c.Tester == Ours ? 0 : 1)
            .ThenBy(c => Rank(c.Tester == Ours ? OursOrder : CoyoteOrder, c.Strategy)).ThenBy(c => c.Strategy, StringComparer.Ordinal)
            .ToList();
        var programs = searches.Select(s => s.Program).Where(p => !p.EndsWith(TwinSuffix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();
        var speeds = run.Where(r => r.Benchmark == SchedulesPerSecond && TesterOf(r.Subject) is not null)
            .Select(r => (Tester: TesterOf(r.Subject)!, Strategy: r.StartMethod, Program: RowParams.Get(r.Params, "program"), r.Median))
            .ToList();

        var tableRows = new List<ComparisonRow>();
        var findings = new List<DifferentialFinding>();
        var goals = new List<GoalCheck>();
        foreach (var program in programs)
        {
            var raw = columns.Select(c =>
            {
                var search = searches.FirstOrDefault(s => s.Program == program && s.Tester == c.Tester && s.Strategy == c.Strategy);
                if (search is null)
                    return null;
                var twin = searches.FirstOrDefault(s => s.Program == program + TwinSuffix && s.Tester == c.Tester && s.Strategy == c.Strategy);
                var speed = speeds.FirstOrDefault(s => s.Program == program + TwinSuffix && s.Tester == c.Tester && s.Strategy == c.Strategy);
                return new Measured(search, twin, speed.Program is null ? null : speed.Median);
            }).ToList();

            var coyote = columns.Select((c, i) => (Column: c, Cell: raw[i])).Where(x => x.Column.Tester == Coyote && x.Cell is not null).ToList();
            var best = coyote.Select(x => (Strategy: (string?)x.Column.Strategy, Median: CensoredMedian(x.Cell!.Search)))
                .Where(x => x.Median is not null).OrderBy(x => x.Median).ThenBy(x => x.Strategy, StringComparer.Ordinal).FirstOrDefault();
            var fastest = coyote.Where(x => x.Cell!.Speed is not null).Select(x => (Strategy: (string?)x.Column.Strategy, x.Cell!.Speed))
                .OrderByDescending(x => x.Speed).ThenBy(x => x.Strategy, StringComparer.Ordinal).FirstOrDefault();

            var cells = columns.Select((c, i) =>
            {
                if (raw[i] is not { } x)
                    return (ComparisonCell?)null;
                var median = CensoredMedian(x.Search);
                var ours = c.Tester == Ours;
                return new ComparisonCell(x.Search.Found, x.Search.Tried, x.Search.Budget, x.Search.Iterations, median, x.Speed,
                    x.Twin?.Found ?? 0, x.Twin?.Tried ?? 0,
                    ours && median is not null && best.Median is > 0 ? median / best.Median : null,
                    ours && x.Speed is not null && fastest.Speed is > 0 ? x.Speed / fastest.Speed : null);
            }).ToList();
            tableRows.Add(new ComparisonRow(program, cells, best.Strategy, best.Median, fastest.Strategy, fastest.Speed));
            findings.AddRange(Differences(program, columns, raw.Select(r => r?.Search).ToList(), raw.Select(r => r?.Twin).ToList()));
            goals.AddRange(Goals(program, columns, cells, best, fastest));
        }
        return new SystematicComparison(runId, columns, tableRows, findings, goals);
    }

    /// <summary>The median iterations over every seed tried, a seed that found nothing counting as +∞; null when the
    /// median itself is +∞ (half the seeds or more found nothing).</summary>
    public static double? CensoredMedian(IReadOnlyList<double?> perSeed)
    {
        if (perSeed.Count == 0)
            return null;
        var sorted = perSeed.Select(v => v ?? double.PositiveInfinity).Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return double.IsFinite(median) ? median : null;
    }

    private static double? CensoredMedian(Search search) => CensoredMedian(search.PerSeed);

    private static IEnumerable<DifferentialFinding> Differences(string program, List<TesterStrategy> columns, List<Search?> searches, List<Search?> twins)
    {
        var byTester = columns.Select((c, i) => (c, Search: searches[i])).Where(x => x.Search is not null).GroupBy(x => x.c.Tester).ToDictionary(g => g.Key, g => g.ToList());
        if (byTester.TryGetValue(Ours, out var ours) && byTester.TryGetValue(Coyote, out var coyote))
        {
            var oursFound = ours.Where(x => x.Search!.Found > 0).ToList();
            var coyoteFound = coyote.Where(x => x.Search!.Found > 0).ToList();
            if (oursFound.Count > 0 && coyoteFound.Count == 0)
                yield return new DifferentialFinding(program, DifferentialFinding.OnlyOurs,
                    $"ours found it ({Describe(oursFound)}); no Coyote strategy did in {coyote.Sum(x => x.Search!.Tried)} explorations of up to {coyote.Max(x => x.Search!.Budget)} iterations");
            else if (coyoteFound.Count > 0 && oursFound.Count == 0)
                yield return new DifferentialFinding(program, DifferentialFinding.OnlyCoyote,
                    $"Coyote found it ({Describe(coyoteFound)}); none of our strategies did in {ours.Sum(x => x.Search!.Tried)} explorations of up to {ours.Max(x => x.Search!.Budget)} iterations");
            var oursKinds = oursFound.SelectMany(x => x.Search!.Kinds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var coyoteKinds = coyoteFound.SelectMany(x => x.Search!.Kinds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (oursKinds.Count > 0 && coyoteKinds.Count > 0 && !oursKinds.SequenceEqual(coyoteKinds))
                yield return new DifferentialFinding(program, "bug kinds differ",
                    $"ours reported {string.Join("/", oursKinds)}, Coyote {string.Join("/", coyoteKinds)}");
        }
        foreach (var (mine, theirs) in Counterparts)
        {
            var a = columns.FindIndex(c => c.Tester == Ours && c.Strategy == mine);
            var b = columns.FindIndex(c => c.Tester == Coyote && c.Strategy == theirs);
            if (a < 0 || b < 0 || searches[a] is not { } oursSearch || searches[b] is not { } coyoteSearch || (oursSearch.Found > 0) == (coyoteSearch.Found > 0))
                continue;
            var (found, missed) = oursSearch.Found > 0 ? ($"ours {mine}", $"Coyote {theirs}") : ($"Coyote {theirs}", $"ours {mine}");
            var (hit, miss) = oursSearch.Found > 0 ? (oursSearch, coyoteSearch) : (coyoteSearch, oursSearch);
            yield return new DifferentialFinding(program, oursSearch.Found > 0 ? DifferentialFinding.OnlyOurStrategy : DifferentialFinding.OnlyCoyoteStrategy,
                $"{found} found it ({hit.Found}/{hit.Tried} seeds within {hit.Budget}); {missed}, the same algorithm, did not ({miss.Tried} seeds within {miss.Budget})");
        }
        for (var i = 0; i < columns.Count; i++)
        {
            if (twins[i] is { Found: > 0 } twin)
                yield return new DifferentialFinding(program + TwinSuffix, DifferentialFinding.TwinBug,
                    $"{columns[i]} found a bug ({string.Join("/", twin.Kinds)}) in {twin.Found} of {twin.Tried} explorations of {twin.Budget} iterations");
        }
    }

    private static string Describe(List<(TesterStrategy c, Search? Search)> found) =>
        string.Join(", ", found.Select(x => $"{x.c.Strategy} {x.Search!.Found}/{x.Search.Tried}"));

    private static IEnumerable<GoalCheck> Goals(string program, List<TesterStrategy> columns, List<ComparisonCell?> cells,
        (string? Strategy, double? Median) best, (string? Strategy, double? Speed) fastest)
    {
        var at = columns.FindIndex(c => c.Tester == Ours && c.Strategy == PortfolioStrategy);
        if (at < 0 || cells[at] is not { } portfolio || !columns.Any(c => c.Tester == Coyote))
            yield break;
        var speedGoal = $"schedules/s ≥ {SpeedGoal:0}× Coyote's fastest";
        if (portfolio.SpeedRatio is { } speed)
            yield return new GoalCheck(speedGoal, program, speed >= SpeedGoal,
                $"portfolio {Number(portfolio.SchedulesPerSecond)}/s, Coyote {fastest.Strategy} {Number(fastest.Speed)}/s: {speed.ToString("0.0", CultureInfo.InvariantCulture)}×");
        else
            yield return new GoalCheck(speedGoal, program, null, "a figure is missing");

        const string iterationsGoal = "portfolio median iterations ≤ Coyote's best";
        if (portfolio.MedianIterations is { } mine && best.Median is { } theirs)
            yield return new GoalCheck(iterationsGoal, program, mine <= theirs,
                $"portfolio {Number(mine)}, Coyote {best.Strategy} {Number(theirs)}");
        else if (portfolio.MedianIterations is { } found)
            yield return new GoalCheck(iterationsGoal, program, true, $"portfolio {Number(found)}; no Coyote strategy found it in half its seeds");
        else
            yield return new GoalCheck(iterationsGoal, program, best.Median is null ? null : false,
                best.Median is null ? "neither found it in half the seeds" : $"portfolio found it in fewer than half its seeds; Coyote {best.Strategy} {Number(best.Median)}");
    }

    private static string Number(double? value) => value is { } v ? ReportFormat.Number(v) : "n/a";

    private static int Rank(string[] order, string strategy)
    {
        var at = Array.IndexOf(order, strategy);
        return at < 0 ? order.Length : at;
    }

    private sealed record Measured(Search Search, Search? Twin, double? Speed);

    /// <summary>One <see cref="SeedsFindingBug"/> row, read back.</summary>
    private sealed record Search(string Tester, string Strategy, string Program, int Budget, IReadOnlyList<double?> PerSeed, IReadOnlyList<string> Kinds)
    {
        public int Tried => PerSeed.Count;

        public int Found => PerSeed.Count(v => v is not null);

        public IReadOnlyList<double> Iterations => PerSeed.Where(v => v is not null).Select(v => v!.Value).ToList();

        public static Search? Of(BenchRow row)
        {
            var program = RowParams.Get(row.Params, "program");
            var iterations = RowParams.Get(row.Params, "iterations");
            if (program is null || iterations is null || TesterOf(row.Subject) is not { } tester)
                return null;
            var perSeed = iterations.Split('/').Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : (double?)null).ToList();
            var kinds = (RowParams.Get(row.Params, "kinds") ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
            return new Search(tester, row.StartMethod, program, RowParams.GetInt(row.Params, "budget") ?? 0, perSeed, kinds);
        }
    }
}
