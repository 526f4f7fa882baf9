using System.CommandLine;
using Lab.Results;
using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;
using Lab.Systematic.Processes;
using Lab.Systematic.Runtime;
using Lab.Systematic.Strategies;
using Lab.Systematic.Traces;

namespace Lab.Cli.Commands;

/// <summary>
/// `lab explore SCENARIO`: systematic exploration of one program of the seeded-bug corpus (issue #5 §5), of the whole
/// corpus (<see cref="ExploreCorpus"/>), or the throughput benchmark (<c>--bench</c>, <see cref="ExploreBench"/>). A bug
/// is printed with its replay token and trace file and exits 1; figures go to results/systematic-RUN.csv. A
/// nondeterministic program or one blocking outside the seam is an error (exit 1).
/// </summary>
internal static class ExploreCommand
{
    public const string AllPrograms = "corpus";

    public static Command Create()
    {
        var scenario = new Argument<string?>("SCENARIO")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = $"a corpus program ({string.Join(", ", BugCorpus.All.Select(p => p.Name))}; a corrected twin ends in '{CorpusProgram.FixedSuffix}'), '{AllPrograms}' for all, " +
                          $"a program over the engine's own coordination code ({string.Join(", ", Lab.Systematic.Engine.EnginePrograms.All.Select(p => p.Name))}), " +
                          $"or a program over real processes ({string.Join(", ", ProcessPrograms.All.Select(p => p.Name))})",
        };
        var strategy = new Option<string?>("--strategy") { Description = $"{string.Join("|", StrategyFactory.Names)} (default portfolio; for '{AllPrograms}' and --bench, all four)" };
        var iterations = new Option<int?>("--iterations") { Description = "iteration budget (default: the program's stated budget; for 'corpus', 10000 per measurement)" };
        var maxSteps = new Option<int>("--max-steps") { Description = "step bound of an iteration; reaching it with operations enabled is a liveness bug", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong?>("--seed") { Description = "seed of the strategy (printed by every run; replays an exploration)" };
        var pctDepth = new Option<int>("--pct-depth") { Description = "d of --strategy pct", DefaultValueFactory = _ => 3 };
        var bound = new Option<int>("--preemption-bound") { Description = "preemption bound of --strategy dfs", DefaultValueFactory = _ => 2 };
        var seeds = new Option<int>("--seeds") { Description = "for 'corpus': seeds per randomised strategy", DefaultValueFactory = _ => 10 };
        var tester = new Option<string>("--tester")
        {
            Description = $"for '{AllPrograms}': {string.Join("|", ExploreComparison.Testers)} — our strategies, Coyote's ({string.Join(", ", Lab.Systematic.Coyote.CoyoteStrategy.Names)}), or both side by side",
            DefaultValueFactory = _ => ExploreComparison.Both,
        };
        var twinIterations = new Option<int>("--twin-iterations") { Description = $"for '{AllPrograms}': iterations each corrected twin is explored through, per tester, strategy and seed", DefaultValueFactory = _ => 1000 };
        var noShrink = new Option<bool>("--no-shrink") { Description = "report the failing schedule as found, without minimising it" };
        var bench = new Option<bool>("--bench") { Description = $"instead of a program, measure {ExploreBench.Id}: schedules/s on a 2-worker, 50-step program, per strategy" };
        var samples = new Option<int>("--n") { Description = "with --bench: samples per strategy", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup") { Description = "with --bench: discarded warm-up samples", DefaultValueFactory = _ => 3 };
        var faults = new Option<string?>("--faults") { Description = "for processes.* programs: none|every-point|random (SIGKILL as a scheduling choice; default: the program's)" };
        var processes = new Option<bool>("--processes") { Description = "with --bench: measure schedules/s across real processes (2 children) instead of in-process" };
        var noPrestart = new Option<bool>("--no-prestart") { Description = "with --bench --processes: start each schedule's children only when it begins (to measure what starting ahead gains)" };
        var worker = new Option<string>("--worker")
        {
            Description = "with --bench --processes: the children's worker, jit or aot (the Native AOT host named by LAB_AOT_WORKER_HOST)",
            DefaultValueFactory = _ => "jit",
        };
        var perSample = new Option<int>("--schedules") { Description = "with --bench --processes: schedules per sample", DefaultValueFactory = _ => 20 };
        var traces = new Option<string>("--traces") { Description = "directory for trace files", DefaultValueFactory = _ => Path.Combine("results", "traces") };
        var results = CommonOptions.Results();
        var command = new Command("explore", "Explore a program's interleavings under the controlled scheduler; report the first bug with a replay token and a trace file.")
        {
            scenario, strategy, iterations, maxSteps, seed, pctDepth, bound, seeds, tester, twinIterations, noShrink, bench, samples, warmup, traces, results, faults, processes, perSample, noPrestart, worker,
        };
        command.SetAction(p =>
        {
            SchedulingHooks.Enable();
            var request = new ExploreRequest(p.GetValue(strategy), p.GetValue(iterations), p.GetValue(maxSteps), p.GetValue(seed) ?? NewSeed(),
                p.GetValue(pctDepth), p.GetValue(bound), p.GetValue(seeds), !p.GetValue(noShrink), p.GetValue(traces)!, p.GetValue(results)!)
            {
                Tester = p.GetValue(tester)!,
                TwinIterations = p.GetValue(twinIterations),
            };
            request.Validate();
            var name = p.GetValue(scenario);
            if (p.GetValue(bench))
            {
                if (name is not null) throw new UsageError("--bench measures its own program: give no SCENARIO");
                if (p.GetValue(processes))
                    return ExploreProcesses.Bench(request, request.Strategy is null ? StrategyFactory.Names : [request.Strategy], p.GetValue(samples), p.GetValue(warmup),
                        p.GetValue(perSample), !p.GetValue(noPrestart), ChildWorker(p.GetValue(worker)!));
                return ExploreBench.Execute(request, request.Strategy is null ? StrategyFactory.Names : [request.Strategy], p.GetValue(samples), p.GetValue(warmup));
            }
            if (name is null) throw new UsageError($"name a program, '{AllPrograms}', or --bench (see 'lab explore --help')");
            if (name != AllPrograms && p.GetResult(tester) is { Implicit: false }) throw new UsageError($"--tester applies to '{AllPrograms}' only");
            try
            {
                if (name.StartsWith(ProcessPrograms.Prefix, StringComparison.Ordinal))
                    return ExploreProcesses.ExploreOne(ProcessPrograms.Find(name)
                        ?? throw new UsageError($"no program '{name}': the programs over real processes are {string.Join(", ", ProcessPrograms.All.Select(p => p.Name))}"),
                        request, ExploreProcesses.ParseFaults(p.GetValue(faults)));
                if (p.GetValue(faults) is not null) throw new UsageError("--faults applies to processes.* programs only");
                return name == AllPrograms ? ExploreCorpus.Execute(request) : ExploreOne(name, request);
            }
            catch (Exception e) when (e is NondeterministicProgramException or UncontrolledBlockingException or Lab.Systematic.Coyote.CoyoteBindingException)
            {
                Console.Error.WriteLine($"lab explore: error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static int ExploreOne(string name, ExploreRequest request)
    {
        var program = BugCorpus.Find(name)
            ?? throw new UsageError($"no program '{name}': expected '{AllPrograms}' or one of {string.Join(", ", BugCorpus.Programs.Select(p => p.Name))}");
        var entry = BugCorpus.All.FirstOrDefault(p => p.Buggy == program || p.Fixed == program);
        var budget = entry?.Budget ?? Lab.Systematic.Engine.EnginePrograms.Find(program.Name)?.Budget ?? 1000;
        var settings = request.Settings(request.Strategy ?? "portfolio", request.Seed, request.Iterations ?? budget);
        var run = RunInfo.Create();
        Console.WriteLine($"lab explore {run.RunId}: {program.Name}, strategy {settings.Strategy}, seed {settings.Seed}, {settings.Iterations} iterations, max steps {settings.MaxSteps}");

        var every = Math.Max(1, settings.Iterations / 10);
        var report = Explorer.Explore(program, settings, p =>
        {
            if (p.Bug is null && p.Iteration % every == 0) Console.WriteLine($"  [{p.Iteration}/{settings.Iterations}] {p.Strategy}: no bug yet");
        });
        var rows = new List<BenchRow> { SystematicRows.SchedulesPerSecond(run, program.Name, settings, report) };
        if (report.Failure is not null) rows.Add(SystematicRows.IterationsToBugRow(run, program.Name, settings, report.Iterations));
        var csv = SystematicRows.Write(request.Results, run, rows);

        Console.WriteLine($"{report.Iterations} iterations in {report.Elapsed.TotalSeconds:0.00} s ({report.SchedulesPerSecond:0} schedules/s){(report.Exhausted ? "; the strategy is exhausted" : "")}");
        return Conclude(report, program.Name, run, request.Traces, csv,
            $"lab explore {program.Name} --strategy {settings.Strategy} --seed {settings.Seed} --iterations {settings.Iterations} --max-steps {settings.MaxSteps}");
    }

    /// <summary>--worker: jit, or aot with the host of LAB_AOT_WORKER_HOST configured (the engine-aot subject's).</summary>
    private static Lab.Engine.WorkerKind ChildWorker(string value)
    {
        if (value == "jit") return Lab.Engine.WorkerKind.Jit;
        if (value != "aot") throw new UsageError($"unknown worker '{value}': expected jit or aot");
        if (Lab.Scenarios.Subjects.EngineSubject.CreateAot(null, out var why) is null) throw new UsageError($"--worker aot: {why}");
        return Lab.Engine.WorkerKind.Aot;
    }

    /// <summary>The end of an exploration, in process or across processes: no bug (exit 0), or the bug with its trace
    /// file, token and the commands that replay and re-run it (exit 1).</summary>
    internal static int Conclude(ExplorationReport report, string program, RunInfo run, string traces, string csv, string rerun)
    {
        if (report.Failure is not { } failure)
        {
            Console.WriteLine($"no bug found in {report.Iterations} iterations");
            Console.WriteLine($"results: {csv}");
            return 0;
        }
        var path = Path.Combine(traces, $"{program}-{run.RunId}.trace.json");
        TraceFile.Write(path, failure.Reported, $"lab replay {path}");
        PrintFailure(failure, path);
        Console.WriteLine($"  re-run: {rerun}");
        Console.WriteLine($"results: {csv}");
        return 1;
    }

    /// <summary>The bug block: what, where it was found, how it was shrunk, and the two ways to replay it.</summary>
    public static void PrintFailure(Failure failure, string tracePath)
    {
        Console.WriteLine($"BUG {failure.Bug.Kind.ToName()} at step {failure.Bug.Step}: {failure.Bug.Message}");
        Console.WriteLine($"  found by {failure.FoundBy} at iteration {failure.Iteration}, seed {failure.Found.Seed}");
        if (failure.Shrink is { } s)
            Console.WriteLine($"  shrunk: {s.OriginalSteps} steps / {s.OriginalPreemptions} preemption(s) -> {s.Steps} steps / {s.Preemptions} preemption(s) " +
                              $"({s.Attempts} attempts{(s.Verified ? ", verified by replay" : ", NOT verified: reporting the schedule as found")})");
        if (failure.Bug.Detail.Length > 0) Console.WriteLine($"  {failure.Bug.Detail.Replace("\n", "\n  ")}");
        Console.WriteLine($"  trace: {tracePath}");
        Console.WriteLine($"  token: {failure.Token}");
        Console.WriteLine($"  replay: lab replay {tracePath}");
        Console.WriteLine($"      or: lab replay {failure.Token}");
    }

    private static ulong NewSeed() => (ulong)Random.Shared.NextInt64(1, int.MaxValue);
}

/// <summary>The options of one `lab explore`, validated.</summary>
internal sealed record ExploreRequest(string? Strategy, int? Iterations, int MaxSteps, ulong Seed, int PctDepth, int PreemptionBound, int Seeds, bool Shrink, string Traces, string Results)
{
    /// <summary>For the corpus: ours, coyote or both (<see cref="ExploreComparison"/>).</summary>
    public string Tester { get; init; } = ExploreComparison.Both;

    public int TwinIterations { get; init; } = 1000;

    public IReadOnlyList<string> Testers => Tester == ExploreComparison.Both
        ? [Lab.Results.SystematicComparisonBuilder.Ours, Lab.Results.SystematicComparisonBuilder.Coyote]
        : [Tester];

    public void Validate()
    {
        if (!ExploreComparison.Testers.Contains(Tester))
            throw new UsageError($"unknown tester '{Tester}': expected {string.Join(", ", ExploreComparison.Testers)}");
        if (TwinIterations < 1) throw new UsageError("--twin-iterations must be at least 1");
        if (Strategy is not null && !StrategyFactory.Names.Contains(Strategy))
            throw new UsageError($"unknown strategy '{Strategy}': expected {string.Join(", ", StrategyFactory.Names)}");
        if (Iterations is < 1) throw new UsageError("--iterations must be at least 1");
        if (MaxSteps < 1) throw new UsageError("--max-steps must be at least 1");
        if (PctDepth < 1) throw new UsageError("--pct-depth must be at least 1");
        if (PreemptionBound < 0) throw new UsageError("--preemption-bound must not be negative");
        if (Seeds < 1) throw new UsageError("--seeds must be at least 1");
    }

    public ExplorationSettings Settings(string strategy, ulong seed, int iterations) => new()
    {
        Strategy = strategy,
        Seed = seed,
        Iterations = iterations,
        MaxSteps = MaxSteps,
        PctDepth = PctDepth,
        PreemptionBound = PreemptionBound,
        Shrink = Shrink,
    };
}
