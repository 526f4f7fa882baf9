using System.Globalization;
using System.Reflection;
using Lab.Cli.Output;
using Lab.Results;
using Lab.Systematic.Coyote;
using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;
using Lab.Systematic.Measurement;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>
/// `lab explore corpus --tester ours|coyote|both` (issue #13): every program of the seeded-bug corpus under our
/// strategies and Coyote's, in one run. Per tester, strategy, program and seed: the iterations to the first bug within
/// the budget, and the corrected twin explored through the twin budget (clean or not, and its schedules per second).
/// DFS runs once (both testers' DFS ignore the seed). Coyote's seeds are spread (<see cref="CoyoteSettings.SpreadSeed"/>).
/// The rows (<see cref="SystematicComparisonBuilder"/>) are what the report's comparison is built from; the same
/// builder makes the table, the differential findings and the goals printed here.
/// </summary>
internal static class ExploreComparison
{
    public const string Both = "both";

    public static IReadOnlyList<string> Testers { get; } = [SystematicComparisonBuilder.Ours, SystematicComparisonBuilder.Coyote, Both];

    public static string CoyoteVersion { get; } =
        typeof(Microsoft.Coyote.Configuration).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>One exploration's outcome, whichever tester ran it.</summary>
    private sealed record Outcome(string Seed, int? Iterations, string? Kind, double SchedulesPerSecond);

    public static List<BenchRow> Run(RunInfo run, ExploreRequest request, IReadOnlyList<string> testers, IReadOnlyList<string> ourStrategies, int budget, int twinBudget)
    {
        var rows = new List<BenchRow>();
        var work = new List<(string Tester, string Strategy, CorpusProgram Program)>();
        foreach (var tester in testers)
        {
            var strategies = tester == SystematicComparisonBuilder.Ours ? ourStrategies : CoyoteStrategy.Names;
            work.AddRange(BugCorpus.All.SelectMany(p => strategies.Select(s => (tester, s, p))));
        }
        RunProgress.Run("corpus under " + string.Join(" and ", testers), work, x => $"{x.Tester} {x.Strategy} / {x.Program.Name}", x =>
        {
            var seeds = Enumerable.Range(0, x.Strategy == "dfs" ? 1 : request.Seeds).ToList();
            var ours = x.Tester == SystematicComparisonBuilder.Ours;
            var bugs = seeds.Select(i => ours ? Ours(x.Program.Buggy, x.Strategy, request.Seed + (ulong)i, budget, request.MaxSteps)
                : Coyote(x.Program.Name, x.Program.BuggyBody, x.Strategy, request, i, budget, i == 0 ? "bug" : null)).ToList();
            var twins = seeds.Select(i => ours ? Ours(x.Program.Fixed, x.Strategy, request.Seed + (ulong)i, twinBudget, request.MaxSteps)
                : Coyote(x.Program.Fixed.Name, x.Program.FixedBody, x.Strategy, request, i, twinBudget, "twin")).ToList();
            var subject = ours ? SystematicComparisonBuilder.OursSubject : SystematicComparisonBuilder.CoyoteSubject;
            var version = ours ? SystematicRows.Version : CoyoteVersion;
            rows.Add(Search(run, subject, version, x.Strategy, x.Program.Name, budget, bugs, request.MaxSteps));
            rows.Add(Search(run, subject, version, x.Strategy, x.Program.Fixed.Name, twinBudget, twins, request.MaxSteps));
            var hits = bugs.Where(b => b.Iterations is not null).Select(b => (double)b.Iterations!.Value).ToList();
            if (hits.Count > 0)
                rows.Add(SystematicRows.Row(run, x.Strategy, SystematicComparisonBuilder.IterationsToBug,
                    RowParams.Of(("program", x.Program.Name), ("seeds", Seeds(bugs)), ("budget", budget), ("found", $"{hits.Count}/{bugs.Count}"), ("max-steps", request.MaxSteps)),
                    "iterations", hits, subject, version));
            rows.Add(SystematicRows.Row(run, x.Strategy, SystematicComparisonBuilder.SchedulesPerSecond,
                RowParams.Of(("program", x.Program.Fixed.Name), ("seeds", Seeds(twins)), ("budget", twinBudget), ("max-steps", request.MaxSteps)), "schedules/s",
                twins.Select(t => t.SchedulesPerSecond).ToList(), subject, version));
            var twinBugs = twins.Count(t => t.Iterations is not null);
            return $"bug found by {hits.Count}/{bugs.Count} seeds{(hits.Count > 0 ? $" (median {Median(hits):0.#})" : "")}; twin {(twinBugs == 0 ? "clean" : $"BUG in {twinBugs}/{twins.Count}")}; {twins.Select(t => t.SchedulesPerSecond).Order().ElementAt(twins.Count / 2):0}/s";
        });
        return rows;
    }

    private static Outcome Ours(SystematicProgram program, string strategy, ulong seed, int budget, int maxSteps)
    {
        var result = FirstBug.Measure(program, strategy, seed, budget, maxSteps);
        return new Outcome(seed.ToString(CultureInfo.InvariantCulture), result.Iterations, result.Bug?.Kind.ToName(), result.SchedulesPerSecond);
    }

    /// <param name="traceLabel">When set and Coyote finds a bug, its trace is written to the traces folder (always for
    /// twins: a bug there is a finding to replay; for buggy programs, the first seed's).</param>
    private static Outcome Coyote(string name, Action<Lab.Systematic.Seam.ISchedulingSeam> body, string strategy, ExploreRequest request, int index, int budget, string? traceLabel)
    {
        var settings = new CoyoteSettings(CoyoteStrategy.Find(strategy), budget, strategy == "dfs" ? 0 : CoyoteSettings.SpreadSeed(request.Seed, index), request.MaxSteps);
        var report = CoyoteTester.Explore(name, body, settings);
        if (report.Bug is not null && traceLabel is not null)
        {
            var path = Path.Combine(request.Traces, $"coyote-{name}-{strategy}-{settings.Seed}.trace.json");
            CoyoteTraceFile.Write(path, report, $"lab replay {path}");
            if (traceLabel == "twin")
                Console.WriteLine($"Coyote {strategy} found a bug in the corrected twin {name} (seed {settings.Seed}, iteration {report.Iterations}): {report.Bug}; replay: lab replay {path}");
        }
        return new Outcome(settings.Seed.ToString(CultureInfo.InvariantCulture), report.Bug is null ? null : report.Iterations, report.Bug?.Kind.ToName(), report.SchedulesPerSecond);
    }

    private static BenchRow Search(RunInfo run, string subject, string version, string strategy, string program, int budget, List<Outcome> outcomes, int maxSteps)
    {
        var kinds = string.Join("/", outcomes.Select(o => o.Kind).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var iterations = string.Join("/", outcomes.Select(o => o.Iterations?.ToString(CultureInfo.InvariantCulture) ?? SystematicComparisonBuilder.NotFound));
        return SystematicRows.Row(run, strategy, SystematicComparisonBuilder.SeedsFindingBug,
            RowParams.Of(("program", program), ("budget", budget), ("seeds", Seeds(outcomes)), ("iterations", iterations), ("kinds", kinds), ("max-steps", maxSteps)),
            "seeds", [outcomes.Count(o => o.Iterations is not null)], subject, version);
    }

    private static string Seeds(List<Outcome> outcomes) => string.Join("/", outcomes.Select(o => o.Seed));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The comparison table, the differential findings and the goals, from the rows just written.</summary>
    public static void Print(IReadOnlyList<BenchRow> rows, int budget, int twinBudget)
    {
        if (SystematicComparisonBuilder.Build(rows) is not { } comparison) return;
        Console.WriteLine($"the corpus under {string.Join(" and ", comparison.Columns.Select(c => c.Tester).Distinct())}: median iterations to the first bug within {budget} " +
                          $"(found/seeds; ours as a ratio to Coyote's best), then schedules/s on the twin through {twinBudget} (ours as a ratio to Coyote's fastest)");
        var table = new Table().AddColumn("program");
        foreach (var c in comparison.Columns) table.AddColumn(Markup.Escape(c.ToString()));
        foreach (var row in comparison.Rows)
            table.AddRow(new[] { row.Program }.Concat(row.Cells.Select(c => c is null ? "–"
                : string.Join("\n", new[] { SystematicFormat.Iterations(c), SystematicFormat.Speed(c), SystematicFormat.Twin(c) }.Where(t => t.Length > 0)))).Select(Markup.Escape).ToArray());
        AnsiConsole.Write(table);
        if (comparison.Findings.Count == 0)
            Console.WriteLine("differential check: no finding (every bug one tester found, the other found too; every twin clean under both)");
        foreach (var f in comparison.Findings)
            Console.WriteLine($"FINDING {f.Program}: {f.Kind}: {f.Detail}");
        foreach (var g in comparison.Goals)
            Console.WriteLine($"goal {g.Goal} on {g.Program}: {SystematicFormat.Verdict(g.Met)} ({g.Detail})");
    }
}
