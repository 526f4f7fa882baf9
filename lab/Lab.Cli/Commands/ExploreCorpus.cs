using Lab.Cli.Output;
using Lab.Results;
using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;
using Lab.Systematic.Measurement;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>
/// `lab explore corpus`: the seeded-bug corpus as a whole (issue #5 §4, §6).
/// <list type="number">
/// <item>Iterations to the first bug, per program and strategy, over seeds S, S+1, … (DFS once: it has no seed), within
/// a measurement budget; unshrunk.</item>
/// <item>The stated promises, checked: the portfolio (seed S) finds each bug within the program's budget, and each
/// corrected twin passes that whole budget. These decide the exit code (1 if any fails).</item>
/// <item>Schedules per second: <see cref="ExploreBench"/>'s benchmark per strategy (target ≥ 10,000/s, reported, not
/// asserted), and every twin per strategy.</item>
/// <item>PCT's observed bug-finding rate on unlocked-counter next to its bound 1/(n·k^(d−1)), for d = 2 and 3.</item>
/// </list>
/// Every figure is a row of results/systematic-RUN.csv (<see cref="SystematicRows"/>).
/// </summary>
internal static class ExploreCorpus
{
    private const int DefaultBudget = 10_000;
    private const int ThroughputSamples = 5, ThroughputWarmup = 1, TwinSchedules = 200;
    private const string PctProgram = "unlocked-counter";
    private const int PctIterations = 10_000;

    public static int Execute(ExploreRequest request)
    {
        IReadOnlyList<string> strategies = request.Strategy is null ? Lab.Systematic.Strategies.StrategyFactory.Names : [request.Strategy];
        var budget = request.Iterations ?? DefaultBudget;
        var seeds = Enumerable.Range(0, request.Seeds).Select(i => request.Seed + (ulong)i).ToArray();
        var run = RunInfo.Create();
        Console.WriteLine($"lab explore {run.RunId}: corpus of {BugCorpus.All.Count} programs; strategies {string.Join(", ", strategies)}; " +
                          $"seeds {seeds[0]}..{seeds[^1]}; measurement budget {budget}; max steps {request.MaxSteps}");
        var rows = new List<BenchRow>();

        var found = new Dictionary<(string Program, string Strategy), List<FirstBug>>();
        var searches = BugCorpus.All.SelectMany(p => strategies.Select(s => (Program: p, Strategy: s))).ToList();
        RunProgress.Run("iterations to first bug", searches, x => $"{x.Program.Name} / {x.Strategy}", x =>
        {
            var results = (x.Strategy == "dfs" ? seeds[..1] : seeds)
                .Select(seed => FirstBug.Measure(x.Program.Buggy, x.Strategy, seed, budget, request.MaxSteps)).ToList();
            found[(x.Program.Name, x.Strategy)] = results;
            var hits = results.Where(r => r.Iterations is not null).Select(r => (double)r.Iterations!.Value).ToList();
            if (hits.Count > 0)
                rows.Add(SystematicRows.Row(run, x.Strategy, SystematicRows.IterationsToBug,
                    $"program={x.Program.Name};seeds={results[0].Seed}..{results[^1].Seed};budget={budget};found={hits.Count}/{results.Count};max-steps={request.MaxSteps}",
                    "iterations", hits));
            return $"found {hits.Count}/{results.Count}";
        });

        var checks = new List<Check>();
        RunProgress.Run("stated budgets", BugCorpus.All, p => $"{p.Name}: portfolio within {p.Budget}, twin through {p.Budget}", p =>
        {
            var settings = request.Settings("portfolio", request.Seed, p.Budget);
            var buggy = Explorer.Explore(p.Buggy, settings);
            var twin = Explorer.Explore(p.Fixed, settings);
            var check = new Check(p, settings, buggy, twin);
            checks.Add(check);
            return check.Passed ? "ok" : "FAILED";
        });

        var benchmark = ExploreBench.Measure(run, strategies, request.Seed, ThroughputSamples, ThroughputWarmup);
        rows.AddRange(benchmark);
        var throughput = benchmark.Select(r => (Program: ThroughputProgram.Program.Name, Strategy: r.StartMethod, r.Median)).ToList();
        var measurements = BugCorpus.All.SelectMany(p => strategies.Select(s => (Program: p.Fixed, Strategy: s))).ToList();
        RunProgress.Run("schedules per second", measurements, x => $"{x.Program.Name} / {x.Strategy}", x =>
        {
            var samples = Throughput.Measure(x.Program, x.Strategy, request.Seed, ThroughputSamples, ThroughputWarmup, TwinSchedules, request.MaxSteps);
            var row = SystematicRows.Row(run, x.Strategy, SystematicRows.SchedulesPerSecondId,
                $"program={x.Program.Name};seed={request.Seed};n={ThroughputSamples};warmup={ThroughputWarmup};schedules={TwinSchedules};max-steps={request.MaxSteps}",
                "schedules/s", samples);
            rows.Add(row);
            throughput.Add((x.Program.Name, x.Strategy, row.Median));
            return $"{row.Median:0} schedules/s";
        });

        var pctProgram = BugCorpus.All.Single(p => p.Name == PctProgram).Buggy;
        var rates = new[] { 2, 3 }.Select(d => PctRate.Measure(pctProgram, d, PctIterations, request.Seed, request.MaxSteps)).ToList();
        foreach (var rate in rates) rows.AddRange(SystematicRows.Pct(run, rate, request.Seed));

        var csv = SystematicRows.Write(request.Results, run, rows);
        PrintFirstBugs(strategies, found, budget);
        PrintChecks(checks);
        PrintThroughput(strategies, throughput);
        foreach (var rate in rates)
            Console.WriteLine($"PCT on {rate.Program}, d={rate.Depth}: observed {rate.Observed:0.0000} bugs/iteration over {rate.Iterations} iterations; " +
                              $"bound 1/(n·k^(d−1)) = {rate.Bound:0.0000} with n={rate.Operations}, k={rate.Length}" +
                              (rate.Observed >= rate.Bound ? "" : "  (BELOW the bound: either the bug is deeper than d or PCT is broken)"));
        foreach (var failed in checks.Where(c => !c.Passed)) failed.PrintFailure(request);
        Console.WriteLine($"results: {csv}");
        return checks.All(c => c.Passed) ? 0 : 1;
    }

    private static void PrintFirstBugs(IReadOnlyList<string> strategies, Dictionary<(string Program, string Strategy), List<FirstBug>> found, int budget)
    {
        Console.WriteLine($"iterations to first bug: median [min–max] over seeds, found/tried within {budget} (DFS has no seed: one run)");
        var table = new Table().AddColumn("program").AddColumn("bug");
        foreach (var s in strategies) table.AddColumn(s);
        foreach (var p in BugCorpus.All)
            table.AddRow(new[] { p.Name, p.Expected.ToName() }.Concat(strategies.Select(s => Cell(found[(p.Name, s)]))).Select(Markup.Escape).ToArray());
        AnsiConsole.Write(table);
    }

    private static string Cell(List<FirstBug> results)
    {
        var hits = results.Where(r => r.Iterations is not null).Select(r => r.Iterations!.Value).Order().ToList();
        if (hits.Count == 0) return $"not found (0/{results.Count})";
        var median = hits.Count % 2 == 1 ? hits[hits.Count / 2] : (hits[hits.Count / 2 - 1] + hits[hits.Count / 2]) / 2.0;
        var range = results.Count == 1 ? "" : $" [{hits[0]}–{hits[^1]}]";
        return $"{median:0.#}{range}" + (hits.Count < results.Count ? $" ({hits.Count}/{results.Count})" : "");
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

    private static void PrintThroughput(IReadOnlyList<string> strategies, List<(string Program, string Strategy, double Median)> throughput)
    {
        Console.WriteLine($"schedules per second (median of {ThroughputSamples} batches; {ThroughputProgram.Program.Name} is {ExploreBench.Id}: target ≥ {ExploreBench.Target:0}/s, reported only)");
        var table = new Table().AddColumn("program");
        foreach (var s in strategies) table.AddColumn(s);
        foreach (var group in throughput.GroupBy(t => t.Program))
            table.AddRow(new[] { group.Key }.Concat(strategies.Select(s => group.Single(t => t.Strategy == s).Median.ToString("0"))).ToArray());
        AnsiConsole.Write(table);
        var benchmark = throughput.Where(t => t.Program == ThroughputProgram.Program.Name).ToList();
        Console.WriteLine($"target ≥ {ExploreBench.Target:0} schedules/s on {ThroughputProgram.Program.Name}: " +
                          string.Join(", ", benchmark.Select(b => $"{b.Strategy} {(b.Median >= ExploreBench.Target ? "met" : "NOT met")}")));
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
