namespace Lab.Results;

/// <summary>Turns rows into a <see cref="ReportModel"/>. Pure and deterministic: ordinal sorting everywhere, no clock.</summary>
public static class ReportBuilder
{
    /// <summary>
    /// The subject and start method benchmark ratios are relative to: spawn is the one start method
    /// CPython offers on every platform, so "x times CPython spawn" compares across OS images.
    /// </summary>
    public const string ReferenceSubject = "cpython";

    /// <inheritdoc cref="ReferenceSubject"/>
    public const string ReferenceStartMethod = "spawn";

    public static ReportModel Build(IEnumerable<ConformanceRow> conformance, IEnumerable<BenchRow> bench)
    {
        ArgumentNullException.ThrowIfNull(conformance);
        ArgumentNullException.ThrowIfNull(bench);
        return new ReportModel(BuildConformance(conformance.ToList()), BuildBench(bench.ToList()));
    }

    private static ConformanceReport? BuildConformance(List<ConformanceRow> all)
    {
        var runId = LatestRunId(all, r => r.RunId, r => r.Utc);
        if (runId is null)
            return null;
        var rows = all.Where(r => r.RunId == runId)
            .OrderBy(r => r.Scenario, StringComparer.Ordinal)
            .ThenBy(r => r.Subject, StringComparer.Ordinal)
            .ThenBy(r => r.StartMethod, StringComparer.Ordinal)
            .ThenBy(r => r.Seed ?? "", StringComparer.Ordinal)
            .ToList();

        var header = Header(rows, r => r.RunId, r => r.Utc, r => r.Host, r => r.Os, r => r.Runtime, r => r.Subject, r => r.SubjectVersion);
        return new ConformanceReport(
            header,
            CountOutcomes(rows.Select(r => r.Outcome)),
            rows.Where(r => Outcomes.IsFailure(r.Outcome)).ToList(),
            Matrix(rows),
            Divergences(rows));
    }

    private static ConformanceMatrix Matrix(List<ConformanceRow> rows)
    {
        var columns = rows.Select(r => new MatrixColumn(r.Subject, r.StartMethod)).Distinct()
            .OrderBy(c => c.Subject, StringComparer.Ordinal).ThenBy(c => c.StartMethod, StringComparer.Ordinal)
            .ToList();
        var matrixRows = rows.GroupBy(r => r.Scenario, StringComparer.Ordinal)
            .Select(scenario => new MatrixRow(
                scenario.Key,
                JoinDistinct(scenario.Select(r => r.Area)),
                columns.Select(c => Cell(scenario.Where(r => r.Subject == c.Subject && r.StartMethod == c.StartMethod))).ToList()))
            .ToList();
        return new ConformanceMatrix(columns, matrixRows);
    }

    internal static MatrixCell? Cell(IEnumerable<ConformanceRow> rows)
    {
        var counts = CountOutcomes(rows.Select(r => r.Outcome));
        return counts.Count == 0 ? null : new MatrixCell(counts, counts[0].Outcome);
    }

    // Rows are comparable only for the same start method, seed and params (the same inputs), and only when both
    // observed something (a skip or an error observes nothing); a start method only one subject has (e.g. fork,
    // which the engine lacks) cannot diverge. A divergence lists the divergent inputs' rows under every start
    // method, for context, and its verdict is that of the divergent rows alone.
    /// <summary>The divergences of one run's rows (<see cref="NightlyReportBuilder"/> compares two runs' divergences).</summary>
    internal static IReadOnlyList<Divergence> DivergencesOf(IEnumerable<ConformanceRow> rows) =>
        Divergences(rows.OrderBy(r => r.Scenario, StringComparer.Ordinal).ThenBy(r => r.Subject, StringComparer.Ordinal)
            .ThenBy(r => r.StartMethod, StringComparer.Ordinal).ThenBy(r => r.Seed ?? "", StringComparer.Ordinal).ToList());

    private static List<Divergence> Divergences(List<ConformanceRow> rows)
    {
        var result = new List<Divergence>();
        var observing = rows.Where(r => r.Outcome is not (Outcomes.Skip or Outcomes.Error));
        foreach (var scenario in observing.GroupBy(r => r.Scenario, StringComparer.Ordinal))
        {
            var divergent = scenario
                .GroupBy(r => (r.StartMethod, Seed: r.Seed ?? "", r.Params))
                .Where(g => g.Select(r => r.Subject).Distinct(StringComparer.Ordinal).Count() > 1
                         && g.Select(r => r.Observed).Distinct(StringComparer.Ordinal).Count() > 1)
                .ToList();
            if (divergent.Count == 0)
                continue;
            var inputs = divergent.Select(g => (g.Key.Seed, g.Key.Params)).ToHashSet();
            var entries = scenario
                .Where(r => inputs.Contains((r.Seed ?? "", r.Params)))
                .Select(r => new DivergenceEntry(r.Subject, r.StartMethod, r.Seed, r.Params, r.Expected, r.Observed, r.Outcome, r.Verdict))
                .ToList();
            var divergentRows = divergent.SelectMany(g => g).ToList();
            var methods = divergent.Select(g => g.Key.StartMethod).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            result.Add(new Divergence(scenario.Key, JoinDistinct(scenario.Select(r => r.Area)), methods, entries,
                CombinedVerdict(divergentRows.Select(r => r.Verdict).ToList()),
                divergentRows.Select(r => r.VerdictReason).FirstOrDefault(reason => reason.Length > 0) ?? ""));
        }
        return result;
    }

    private static string CombinedVerdict(List<string> verdicts)
    {
        if (verdicts.Any(v => v == Verdicts.Defect))
            return Verdicts.Defect;
        if (verdicts.Any(v => v.Length == 0))
            return Verdicts.Unreviewed;
        return JoinDistinct(verdicts);
    }

    /// <summary>`lab explore` writes one file per invocation (the corpus, the in-process bench, the process bench), so
    /// the section keeps the latest row of each series (benchmark, params, strategy) rather than one run.</summary>
    public static SystematicReport? BuildSystematic(IEnumerable<BenchRow> rows)
    {
        var all = rows.ToList();
        var comparison = SystematicComparisonBuilder.Build(all);
        // The series the comparison shows are not repeated one group per params below.
        bool Compared(BenchRow r) => comparison is not null && r.Benchmark is SystematicComparisonBuilder.SeedsFindingBug
            or SystematicComparisonBuilder.IterationsToBug or SystematicComparisonBuilder.SchedulesPerSecond
            && RowParams.Get(r.Params, "mode") != "processes";
        var latest = all
            .GroupBy(r => (r.Benchmark, r.Params, r.StartMethod, r.Subject))
            .Select(g => g.OrderByDescending(r => r.Utc).ThenByDescending(r => r.RunId, StringComparer.Ordinal).First())
            .ToList();
        if (latest.Count == 0)
            return null;
        var groups = latest.Where(r => !Compared(r))
            .GroupBy(r => (r.Benchmark, r.Params))
            .OrderBy(g => g.Key.Benchmark, StringComparer.Ordinal).ThenBy(g => g.Key.Params, StringComparer.Ordinal)
            .Select(BenchGroupOf) // subject "systematic" has no reference row: no ratios
            .ToList();
        return new SystematicReport(latest.Max(r => r.Utc), latest.Count, groups) { Comparison = comparison };
    }

    private static BenchReport? BuildBench(List<BenchRow> all)
    {
        var runId = LatestRunId(all, r => r.RunId, r => r.Utc);
        if (runId is null)
            return null;
        var rows = all.Where(r => r.RunId == runId).ToList();
        var header = Header(rows, r => r.RunId, r => r.Utc, r => r.Host, r => r.Os, r => r.Runtime, r => r.Subject, r => r.SubjectVersion);

        var groups = rows
            .GroupBy(r => (r.Benchmark, r.Params))
            .OrderBy(g => g.Key.Benchmark, StringComparer.Ordinal).ThenBy(g => g.Key.Params, StringComparer.Ordinal)
            .Select(BenchGroupOf)
            .ToList();
        return new BenchReport(header, ReferenceSubject, ReferenceStartMethod, groups)
        {
            Charts = BenchCharts.Sweeps(rows),
            PerformanceModel = PerformanceModelBuilder.Build(rows),
        };
    }

    private static BenchGroup BenchGroupOf(IGrouping<(string Benchmark, string Params), BenchRow> group)
    {
        var reference = group.FirstOrDefault(r => r.Subject == ReferenceSubject && r.StartMethod == ReferenceStartMethod);
        // A ratio across units (ms against items/s) or against a zero median would be noise.
        double? Ratio(BenchRow r) =>
            reference is not null && reference.Median != 0 && reference.Unit == r.Unit ? r.Median / reference.Median : null;

        var lines = group
            .OrderBy(r => r.Subject, StringComparer.Ordinal).ThenBy(r => r.StartMethod, StringComparer.Ordinal)
            .Select(r => new BenchLine(r.Subject, r.SubjectVersion, r.StartMethod, r.Unit, r.N, r.Median, r.P05, r.P95,
                Ratio(r), ReferenceEquals(r, reference)))
            .ToList();
        var scale = lines.Max(l => Math.Max(l.P95, l.Median));
        return new BenchGroup(group.Key.Benchmark, group.Key.Params, lines, scale);
    }

    // A run's rows are stamped while it goes, so the run's time is its latest row; equal times
    // fall back to the run id, which starts with the UTC start time.
    private static string? LatestRunId<T>(List<T> rows, Func<T, string> runId, Func<T, DateTimeOffset> utc) =>
        rows.GroupBy(runId, StringComparer.Ordinal)
            .Select(g => (RunId: g.Key, Utc: g.Max(utc)))
            .OrderByDescending(r => r.Utc).ThenByDescending(r => r.RunId, StringComparer.Ordinal)
            .Select(r => r.RunId)
            .FirstOrDefault();

    private static RunHeader Header<T>(
        List<T> rows,
        Func<T, string> runId,
        Func<T, DateTimeOffset> utc,
        Func<T, string> host,
        Func<T, string> os,
        Func<T, string> runtime,
        Func<T, string> subject,
        Func<T, string> subjectVersion) =>
        new(
            runId(rows[0]),
            rows.Max(utc),
            JoinDistinct(rows.Select(host)),
            JoinDistinct(rows.Select(os)),
            JoinDistinct(rows.Select(runtime)),
            rows.Count,
            rows.Select(r => new SubjectVersion(subject(r), subjectVersion(r))).Distinct()
                .OrderBy(s => s.Subject, StringComparer.Ordinal).ThenBy(s => s.Version, StringComparer.Ordinal)
                .ToList());

    internal static List<OutcomeCount> CountOutcomes(IEnumerable<string> outcomes)
    {
        var counts = outcomes.GroupBy(o => o, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        // Attention order; an unknown outcome (from a newer writer) counts as a failure, so it goes
        // before skip and pass rather than being hidden behind them.
        var unknown = counts.Keys.Except(Outcomes.All, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var order = new[] { Outcomes.Fail, Outcomes.Error, Outcomes.Hang }.Concat(unknown).Concat([Outcomes.Skip, Outcomes.Pass]);
        return order.Where(counts.ContainsKey).Select(o => new OutcomeCount(o, counts[o])).ToList();
    }

    private static string JoinDistinct(IEnumerable<string> values) =>
        string.Join(", ", values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
