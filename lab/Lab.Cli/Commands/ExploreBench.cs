using Lab.Results;
using Lab.Systematic.Measurement;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>
/// `lab explore --bench`: the systematic-throughput benchmark of issue #5 §6 — schedules per second of the in-process
/// scheduler on a 2-worker, 50-step program (<see cref="ThroughputProgram"/>), per strategy, as raw samples (one sample
/// times a batch of <see cref="Schedules"/> iterations on warm carrier threads, after discarded warm-up batches).
/// Target ≥ 10,000 schedules/s, reported, never asserted. It lives here rather than in `lab bench`: the bench catalog
/// measures multiprocessing subjects side by side with CPython (every id but one baseline has a CPython twin, and the
/// scenario tests hold it to that), and the scheduler is not such a subject.
/// </summary>
internal static class ExploreBench
{
    public const string Id = "systematic-throughput";
    public const int Schedules = 2000;
    public const double Target = 10_000;

    public static IReadOnlyList<BenchRow> Measure(RunInfo run, IReadOnlyList<string> strategies, ulong seed, int samples, int warmup) =>
        strategies.Select(strategy => SystematicRows.Row(run, strategy, Id,
            RowParams.Of(("program", ThroughputProgram.Program.Name), ("threads", 2), ("steps", ThroughputProgram.Steps), ("schedules", Schedules),
                ("n", samples), ("warmup", warmup), ("seed", seed)),
            "schedules/s", Throughput.Measure(strategy, seed, samples, warmup, Schedules))).ToList();

    public static int Execute(ExploreRequest request, IReadOnlyList<string> strategies, int samples, int warmup)
    {
        if (samples < 1) throw new UsageError("--n must be at least 1");
        if (warmup < 0) throw new UsageError("--warmup must not be negative");
        var run = RunInfo.Create();
        Console.WriteLine($"lab explore --bench {run.RunId}: {Id}, {ThroughputProgram.Program.Name}; strategies {string.Join(", ", strategies)}; " +
                          $"n={samples}, warmup={warmup}, {Schedules} schedules per sample, seed {request.Seed}");
        var rows = Measure(run, strategies, request.Seed, samples, warmup);
        Print(rows);
        Console.WriteLine($"results: {SystematicRows.Write(request.Results, run, rows)}");
        return 0;
    }

    public static void Print(IReadOnlyList<BenchRow> rows)
    {
        var table = new Table().AddColumns("benchmark", "strategy", "unit", "median", "p05", "p95", $"≥ {Target:0}/s");
        foreach (var r in rows)
            table.AddRow(r.Benchmark, r.StartMethod, r.Unit, r.Median.ToString("0"), r.P05.ToString("0"), r.P95.ToString("0"), r.Median >= Target ? "met" : "not met");
        AnsiConsole.Write(table);
    }
}
