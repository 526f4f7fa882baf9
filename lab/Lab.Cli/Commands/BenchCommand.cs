using System.CommandLine;
using Lab.Cli.Output;
using Lab.Results;
using Lab.Scenarios.Benchmarks;
using Lab.Scenarios.Subjects;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>`lab bench`: start latency and child memory, engine and CPython side by side in the same run,
/// written to results/bench-RUN.csv with ratios against CPython spawn.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var quick = CommonOptions.Quick();
        var subject = CommonOptions.Subject();
        var python = CommonOptions.Python();
        var results = CommonOptions.Results();
        var samples = new Option<int?>("--n") { Description = "samples per series (default 20 with --quick, else 100)" };
        var warmup = new Option<int?>("--warmup") { Description = "discarded warm-up runs per series (default 3 with --quick, else 5)" };
        var command = new Command("bench", "Benchmark start latency and child memory of every subject and start method; write results/bench-<run>.csv.")
        {
            quick, samples, warmup, subject, python, results,
        };
        command.SetAction(p => Execute(p.GetValue(quick), p.GetValue(samples), p.GetValue(warmup), p.GetValue(subject)!, p.GetValue(python), p.GetValue(results)!));
        return command;
    }

    private static int Execute(bool quick, int? samples, int? warmup, string subject, string? python, string resultsDir)
    {
        var defaults = quick ? BenchPlan.Quick : BenchPlan.Full;
        var plan = new BenchPlan(samples ?? defaults.Samples, warmup ?? defaults.Warmup);
        if (plan.Samples < 1) throw new UsageError("--n must be at least 1");
        if (plan.Warmup < 0) throw new UsageError("--warmup must not be negative");
        var run = RunInfo.Create();
        var subjects = CommonOptions.Subjects(subject, python);
        Console.WriteLine($"lab bench {run.RunId}: {plan.Params}; subjects: {string.Join(", ", subjects.Select(s => $"{s.Name} {s.Version}"))}");

        var series = new List<BenchSeries>();
        RunProgress.Run("benchmarks", subjects, s => $"{s.Name}: start latency and child memory", s =>
        {
            var measured = s switch
            {
                EngineSubject e => StartLatency.OnEngine(e, plan).ToList(),
                CpythonSubject c => StartLatency.OnCpython(c, plan).ToList(),
                _ => [],
            };
            series.AddRange(measured);
            return $"{measured.Count} series";
        });

        var rows = series.Select(s => BenchRow.FromSamples(run, s.Subject, s.SubjectVersion, s.StartMethod, s.Benchmark, s.Params, s.Unit, s.Samples)).ToList();
        Directory.CreateDirectory(resultsDir);
        var path = Path.Combine(resultsDir, ResultsCsv.BenchFileName(run.RunId));
        ResultsCsv.Write(path, rows);
        Summary(rows);
        Console.WriteLine($"results: {path}");
        return 0;
    }

    private static void Summary(IReadOnlyList<BenchRow> rows)
    {
        var table = new Table().AddColumns("benchmark", "subject", "method", "unit", "median", "p05", "p95", "× cpython/spawn");
        foreach (var r in rows.OrderBy(r => r.Benchmark).ThenBy(r => r.Subject).ThenBy(r => r.StartMethod))
        {
            var reference = rows.FirstOrDefault(x => x.Benchmark == r.Benchmark && x.Subject == CpythonSubject.SubjectName && x.StartMethod == "spawn");
            var ratio = reference is { Median: > 0 } ? (r.Median / reference.Median).ToString("0.00") : "";
            table.AddRow(r.Benchmark, r.Subject, r.StartMethod, r.Unit, r.Median.ToString("0.0"), r.P05.ToString("0.0"), r.P95.ToString("0.0"), ratio);
        }
        AnsiConsole.Write(table);
    }
}
