using Lab.Engine;
using Lab.Results;
using Lab.Systematic.Exploration;
using Lab.Systematic.Processes;
using Lab.Systematic.Traces;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>
/// `lab explore processes.…` (issue #5 §3): a program over real child processes, with fault injection (`--faults`:
/// the program's default, none, every-point = SIGKILL its victim at each of its points in turn, random = seeded kills),
/// and `lab explore --bench --processes`: schedules/s with 2 children (target ≥ 20/s). Rows carry the <c>mode</c> param <c>processes</c>.
/// </summary>
internal static class ExploreProcesses
{
    public const string BenchId = "systematic-throughput";
    public const double Target = 20;
    /// <summary>The <c>mode</c> param of these rows (<see cref="SystematicRows.Mode"/> is the in-process scheduler's).</summary>
    public const string Mode = "processes";

    public static FaultMode? ParseFaults(string? text) => text switch
    {
        null => null,
        "none" => FaultMode.None,
        "every-point" => FaultMode.EveryPoint,
        "random" => FaultMode.Random,
        _ => throw new UsageError($"unknown --faults '{text}': expected none, every-point or random"),
    };

    public static int ExploreOne(ProcessProgram program, ExploreRequest request, FaultMode? faultsOption)
    {
        var faults = faultsOption ?? program.DefaultFaults;
        var strategy = request.Strategy ?? (faults == FaultMode.EveryPoint ? "dfs" : "portfolio");
        var settings = request.Settings(strategy, request.Seed, request.Iterations ?? program.DefaultIterations);
        var run = RunInfo.Create();
        var faultsText = faults switch { FaultMode.EveryPoint => "every-point", FaultMode.Random => "random", _ => "none" };
        Console.WriteLine($"lab explore {run.RunId}: {program.Name} (real processes), strategy {settings.Strategy}, faults {faultsText}, seed {settings.Seed}, " +
                          $"{settings.Iterations} iterations, max steps {settings.MaxSteps}");
        var report = ProcessExplorer.Explore(program, settings, faults, progress: p =>
        {
            if (p.Bug is null) Console.WriteLine($"  [{p.Iteration}] {p.Strategy}: {p.Steps} steps, no bug");
        });
        var rows = new List<BenchRow>
        {
            Row(run, settings.Strategy, SystematicRows.SchedulesPerSecondId,
                RowParams.Of(("program", program.Name), ("faults", faultsText), ("seed", settings.Seed), ("iterations", report.Iterations), ("max-steps", settings.MaxSteps)),
                "schedules/s", [report.SchedulesPerSecond]),
        };
        if (report.Failure is not null)
            rows.Add(Row(run, settings.Strategy, SystematicRows.IterationsToBug,
                RowParams.Of(("program", program.Name), ("faults", faultsText), ("seed", settings.Seed), ("budget", settings.Iterations)),
                "iterations", [report.Iterations]));
        var csv = SystematicRows.Write(request.Results, run, rows);
        Console.WriteLine($"{report.Iterations} iterations in {report.Elapsed.TotalSeconds:0.00} s ({report.SchedulesPerSecond:0.0} schedules/s)" +
                          $"{(report.Exhausted ? faults == FaultMode.EveryPoint ? "; every kill point was explored" : "; the strategy is exhausted" : "")}");
        return ExploreCommand.Conclude(report, program.Name, run, request.Traces, csv,
            $"lab explore {program.Name} --strategy {settings.Strategy} --faults {faultsText} --seed {settings.Seed} --iterations {settings.Iterations} --max-steps {settings.MaxSteps}");
    }

    public static int Bench(ExploreRequest request, IReadOnlyList<string> strategies, int samples, int warmup, int schedules, bool prestart, WorkerKind worker)
    {
        if (samples < 1) throw new UsageError("--n must be at least 1");
        if (warmup < 0) throw new UsageError("--warmup must not be negative");
        var run = RunInfo.Create();
        var program = CounterProgram.Locked;
        Console.WriteLine($"lab explore --bench --processes {run.RunId}: {BenchId}, {program.Name} ({CounterProgram.Children} children); strategies {string.Join(", ", strategies)}; " +
                          $"n={samples}, warmup={warmup}, {schedules} schedules per sample, {(prestart ? "next children started ahead" : "no start-ahead")}, " +
                          $"children on the {(worker == WorkerKind.Aot ? "Native AOT" : "JIT")} worker, seed {request.Seed}");
        var rows = new List<BenchRow>();
        var table = new Table().AddColumns("strategy", "median schedules/s", "p05", "p95", "start ms", "loop ms", "of which exits ms", "reap ms", "steps", $"≥ {Target:0}/s");
        foreach (var strategy in strategies)
        {
            var measured = ProcessThroughput.Measure(strategy, request.Seed, samples, warmup, schedules, prestart,
                worker == WorkerKind.Aot ? WorkerChoice.Aot : WorkerChoice.Jit);
            // The JIT rows keep the params they had before the worker existed (nightly history); AOT rows say so.
            var workerParam = worker == WorkerKind.Aot ? RowParams.Of(("worker", "aot")) : "";
            var row = Row(run, strategy, BenchId,
                RowParams.Merge(RowParams.Of(("program", program.Name), ("children", CounterProgram.Children), ("prestart", prestart ? "yes" : "no"), ("schedules", schedules),
                    ("n", samples), ("warmup", warmup), ("seed", request.Seed)), workerParam),
                "schedules/s", measured.Select(m => m.SchedulesPerSecond).ToList());
            rows.Add(row);
            string Mean(Func<ProcessThroughput.Sample, double> f) => measured.Average(f).ToString("0.0");
            table.AddRow(strategy, row.Median.ToString("0.0"), row.P05.ToString("0.0"), row.P95.ToString("0.0"),
                Mean(m => m.StartMsPerSchedule), Mean(m => m.LoopMsPerSchedule), Mean(m => m.ExitMsPerSchedule), Mean(m => m.ReapMsPerSchedule), Mean(m => m.StepsPerSchedule),
                row.Median >= Target ? "met" : "not met");
        }
        AnsiConsole.Write(table);
        Console.WriteLine($"results: {SystematicRows.Write(request.Results, run, rows)}");
        return 0;
    }

    private static BenchRow Row(RunInfo run, string strategy, string benchmark, string @params, string unit, IReadOnlyList<double> samples) =>
        BenchRow.FromSamples(run, SystematicRows.Subject, SystematicRows.Version, strategy, benchmark, RowParams.Merge(RowParams.Of(("mode", Mode)), @params), unit, samples);
}
