using Lab.Cli.Output;
using Lab.Results;
using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;
using Lab.Systematic.Measurement;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>
/// `lab explore corpus`: the seeded-bug corpus as a whole (issue #5 §4, §6; issue #13).
/// <list type="number">
/// <item>The corpus under our tester, Coyote's, or both side by side (<see cref="ExploreComparison"/>, <c>--tester</c>):
/// iterations to the first bug per program, strategy and seed within a measurement budget (unshrunk), each twin
/// explored through the twin budget with its schedules per second, the differential findings and the goals.</item>
/// <item>With our tester, the stated promises, checked: the portfolio (seed S) finds each bug within the program's
/// budget, and each corrected twin passes that whole budget. These decide the exit code (1 if any fails); the
/// differential findings do not (they are findings for a person to judge, listed in the report).</item>
/// <item>With our tester, <see cref="ExploreBench"/>'s benchmark per strategy (target ≥ 10,000/s, reported).</item>
/// <item>With our tester, PCT's observed bug-finding rate on unlocked-counter next to its bound 1/(n·k^(d−1)), for d = 2
/// and 3.</item>
/// </list>
/// Every figure is a row of results/systematic-RUN.csv (<see cref="SystematicRows"/>).
/// </summary>
internal static class ExploreCorpus
{
    private const int DefaultBudget = 10_000;
    private const int ThroughputSamples = 5, ThroughputWarmup = 1;
    private const string PctProgram = "unlocked-counter";
    private const int PctIterations = 10_000;

    public static int Execute(ExploreRequest request)
    {
        IReadOnlyList<string> strategies = request.Strategy is null ? Lab.Systematic.Strategies.StrategyFactory.Names : [request.Strategy];
        var budget = request.Iterations ?? DefaultBudget;
        var ours = request.Testers.Contains(SystematicComparisonBuilder.Ours);
        var run = RunInfo.Create();
        Console.WriteLine($"lab explore {run.RunId}: corpus of {BugCorpus.All.Count} programs ({BugCorpus.Classic.Count} classic, {BugCorpus.Deep.Count} deep) " +
                          $"under {string.Join(" and ", request.Testers)}; our strategies {string.Join(", ", strategies)}; Coyote {ExploreComparison.CoyoteVersion}'s " +
                          $"{string.Join(", ", Lab.Systematic.Coyote.CoyoteStrategy.Names)}; seed {request.Seed}, {request.Seeds} seeds; " +
                          $"measurement budget {budget}, twins through {request.TwinIterations}; max steps {request.MaxSteps}");
        var rows = ExploreComparison.Run(run, request, request.Testers, strategies, budget, request.TwinIterations);

        var checks = new List<Check>();
        IReadOnlyList<BenchRow> benchmark = [];
        var rates = new List<PctRate>();
        if (ours)
        {
            RunProgress.Run("stated budgets", BugCorpus.All, p => $"{p.Name}: portfolio within {p.Budget}, twin through {p.Budget}", p =>
            {
                var settings = request.Settings("portfolio", request.Seed, p.Budget);
                var buggy = Explorer.Explore(p.Buggy, settings);
                var twin = Explorer.Explore(p.Fixed, settings);
                var check = new Check(p, settings, buggy, twin);
                checks.Add(check);
                return check.Passed ? "ok" : "FAILED";
            });
            benchmark = ExploreBench.Measure(run, strategies, request.Seed, ThroughputSamples, ThroughputWarmup);
            rows.AddRange(benchmark);
            var pctProgram = BugCorpus.All.Single(p => p.Name == PctProgram).Buggy;
            rates.AddRange(new[] { 2, 3 }.Select(d => PctRate.Measure(pctProgram, d, PctIterations, request.Seed, request.MaxSteps)));
            foreach (var rate in rates) rows.AddRange(SystematicRows.Pct(run, rate, request.Seed));
        }

        var csv = SystematicRows.Write(request.Results, run, rows);
        ExploreComparison.Print(rows, budget, request.TwinIterations);
        if (ours)
        {
            PrintChecks(checks);
            Console.WriteLine($"schedules per second of {ThroughputProgram.Program.Name} (median of {ThroughputSamples} batches; target ≥ {ExploreBench.Target:0}/s, reported only)");
            ExploreBench.Print(benchmark);
            foreach (var rate in rates)
                Console.WriteLine($"PCT on {rate.Program}, d={rate.Depth}: observed {rate.Observed:0.0000} bugs/iteration over {rate.Iterations} iterations; " +
                                  $"bound 1/(n·k^(d−1)) = {rate.Bound:0.0000} with n={rate.Operations}, k={rate.Length}" +
                                  (rate.Observed >= rate.Bound ? "" : "  (BELOW the bound: either the bug is deeper than d or PCT is broken)"));
            foreach (var failed in checks.Where(c => !c.Passed)) failed.PrintFailure(request);
        }
        Console.WriteLine($"results: {csv}");
        return checks.All(c => c.Passed) ? 0 : 1;
    }

    private static void PrintChecks(List<Check> checks)
    {
        Console.WriteLine("stated budgets (portfolio, seed as above): bug found within the budget; twin clean through it");
        var table = new Table().AddColumns("program", "budget", "bug found at", "twin", "verdict");
        foreach (var c in checks)
            table.AddRow(c.Program.Name, c.Program.Budget.ToString(),
                Markup.Escape(c.Buggy.Failure is { } f ? $"{f.Iteration} ({f.Bug.Kind.ToName()}, {f.FoundBy})" : "not found"),
                c.Twin.Failure is null ? $"clean, {c.Twin.Iterations}" : $"BUG at {c.Twin.Iterations}",
                c.Passed ? "ok" : "FAILED");
        AnsiConsole.Write(table);
    }

    private sealed record Check(CorpusProgram Program, ExplorationSettings Settings, ExplorationReport Buggy, ExplorationReport Twin)
    {
        public bool Passed => Buggy.Failure?.Bug.Kind == Program.Expected && Twin.Failure is null;

        public void PrintFailure(ExploreRequest request)
        {
            if (Buggy.Failure is null)
                Console.WriteLine($"FAIL {Program.Name}: no bug within the stated budget of {Program.Budget} (seed {Settings.Seed})");
            else if (Buggy.Failure.Bug.Kind != Program.Expected)
                Console.WriteLine($"FAIL {Program.Name}: expected a {Program.Expected.ToName()}, found {Buggy.Failure.Bug}");
            if (Twin.Failure is { } twinBug)
            {
                var path = Path.Combine(request.Traces, $"{Program.Fixed.Name}-{Settings.Seed}.trace.json");
                Lab.Systematic.Traces.TraceFile.Write(path, twinBug.Reported, $"lab replay {path}");
                Console.WriteLine($"FAIL {Program.Fixed.Name}: the corrected twin has a bug");
                ExploreCommand.PrintFailure(twinBug, path);
            }
            Console.WriteLine($"  re-run: lab explore {Program.Name} --seed {Settings.Seed} --iterations {Program.Budget}; lab explore {Program.Fixed.Name} --seed {Settings.Seed} --iterations {Program.Budget}");
        }
    }
}
