using System.CommandLine;
using System.Diagnostics;
using Lab.Cli.Output;
using Lab.Results;
using Lab.Scenarios.Benchmarks;
using Lab.Scenarios.Model;
using Lab.Scenarios.Subjects;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>`lab bench`: every benchmark of the catalog (start latency, child memory, and the IPC benchmarks of
/// issue #4 §7), engine and CPython side by side in the same run, written to results/bench-RUN.csv with ratios
/// against CPython spawn and the issue's targets checked on medians (reported, never asserted). Exit 1 if a
/// benchmark could not be measured; the others are still written.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var quick = CommonOptions.Quick();
        var subject = CommonOptions.Subject();
        var python = CommonOptions.Python();
        var pypy = CommonOptions.Pypy();
        var results = CommonOptions.Results();
        var samples = new Option<int?>("--n") { Description = "samples per series (default 20 with --quick, else 100)" };
        var warmup = new Option<int?>("--warmup") { Description = "discarded warm-up runs per series (default 3 with --quick, else 5)" };
        var benchmark = new Option<string[]>("--benchmark")
        {
            Description = $"only these benchmarks (repeatable, or a comma list): {string.Join(", ", BenchCatalog.Ids)}",
        };
        var spinWork = new Option<double>("--spin-work")
        {
            Description = "multiply the spin benchmark's work by this factor without changing its params: a deliberate slowdown that lab compare should find (default 1)",
            DefaultValueFactory = _ => 1,
        };
        var calibrate = new Option<bool>("--calibrate")
        {
            Description = "measure lab compare's false-alarm rate and detection power on this machine (A/A runs, and spin at +10 % and +25 %); write results/calibration-<run>.csv",
        };
        var pairs = new Option<int>("--pairs")
        {
            Description = "with --calibrate: runs compared (A/A, and each slowdown), after a first baseline window (default 20)",
            DefaultValueFactory = _ => 20,
        };
        var keepRuns = new Option<string?>("--keep-runs")
        {
            Description = "with --calibrate: keep the calibration's runs in this (new or empty) directory: same-build/, spin-x1.10/, spin-x1.25/ (default: a temporary directory, removed)",
        };
        var command = new Command("bench", "Benchmark process start, queues, pipes, locks and shared memory on every subject and start method; write results/bench-<run>.csv and the raw samples, results/samples-<run>.csv.")
        {
            quick, samples, warmup, benchmark, subject, python, pypy, results, spinWork, calibrate, pairs, keepRuns,
        };
        command.SetAction(p => p.GetValue(calibrate)
            ? BenchCalibration.Execute(p.GetValue(pairs), p.GetValue(samples), p.GetValue(warmup), p.GetValue(results)!, p.GetValue(keepRuns))
            : Execute(p.GetValue(quick), p.GetValue(samples), p.GetValue(warmup), p.GetValue(benchmark),
                p.GetValue(subject)!, p.GetValue(python), p.GetValue(pypy), p.GetValue(results)!, p.GetValue(spinWork)));
        return command;
    }

    private static int Execute(bool quick, int? samples, int? warmup, string[]? benchmarks, string subject, string? python, string? pypy, string resultsDir, double spinWork)
    {
        var defaults = quick ? BenchPlan.Quick : BenchPlan.Full;
        var plan = new BenchPlan(samples ?? defaults.Samples, warmup ?? defaults.Warmup) { IsQuick = quick, Work = spinWork };
        if (plan.Samples < 1) throw new UsageError("--n must be at least 1");
        if (plan.Warmup < 0) throw new UsageError("--warmup must not be negative");
        if (!(spinWork > 0) || !double.IsFinite(spinWork)) throw new UsageError("--spin-work must be a positive factor");
        IReadOnlyList<string> ids;
        try
        {
            ids = BenchCatalog.Select(benchmarks);
        }
        catch (ArgumentException e)
        {
            throw new UsageError(e.Message);
        }
        var run = RunInfo.Create() with { Commit = EngineSubject.Commit };
        var subjects = CommonOptions.Subjects(subject, python, pypy);
        Console.WriteLine($"lab bench {run.RunId}: {RowParams.Display(plan.Params)}; subjects: {string.Join(", ", subjects.Select(s => $"{s.Name} {s.Version}"))}; benchmarks: {string.Join(", ", ids)}");
        if (EngineIsUnoptimized())
            Console.WriteLine("lab bench: this is a Debug build: the engine runs unoptimized code, so its figures are pessimistic (run-all.sh uses Release)");
        if (spinWork != 1 && ids.Contains(Spin.Id))
            Console.WriteLine($"lab bench: spin does {spinWork:0.###} × its work under unchanged params: a deliberate slowdown (--spin-work)");

        var steps = subjects.SelectMany(s => BenchCatalog.Families(ids, s).Select(f => (Subject: s, Family: f))).ToList();
        var series = new List<BenchSeries>();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        RunProgress.Run("benchmarks", steps,
            step => $"{step.Subject.Name}: {string.Join(", ", BenchCatalog.All.Where(b => b.Family == step.Family && ids.Contains(b.Id) && (!b.EngineOnly || step.Subject.Kind == SubjectKind.Engine)).Select(b => b.Id))}",
            step =>
            {
                try
                {
                    var measured = BenchCatalog.Run(step.Family, step.Subject, plan, ids);
                    series.AddRange(measured);
                    return $"{measured.Count} series";
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failures.Add($"{step.Subject.Name}/{step.Family}: {e.GetType().Name}: {e.Message}");
                    return "error";
                }
            });

        var rows = series.Select(s => BenchRow.FromSamples(run, s.Subject, s.SubjectVersion, s.StartMethod, s.Benchmark, s.Params, s.Unit, s.Samples)).ToList();
        Directory.CreateDirectory(resultsDir);
        var path = Path.Combine(resultsDir, ResultsCsv.BenchFileName(run.RunId));
        // The samples first: a bench file always has its samples beside it.
        ResultsCsv.Write(Path.Combine(resultsDir, ResultsCsv.SamplesFileName(run.RunId)),
            series.SelectMany(s => SampleRow.FromSamples(run, s.Subject, s.SubjectVersion, s.StartMethod, s.Benchmark, s.Params, s.Unit, s.Samples)));
        ResultsCsv.Write(path, rows);
        Summary(rows);
        Targets(rows);
        PerformanceModel(rows);
        foreach (var failure in failures) Console.Error.WriteLine($"lab bench: not measured: {failure}");
        Console.WriteLine($"results: {path} ({clock.Elapsed.TotalSeconds:0} s)");
        return failures.Count == 0 ? 0 : 1;
    }

    private static void Summary(IReadOnlyList<BenchRow> rows)
    {
        var order = BenchCatalog.Ids.ToList();
        var table = new Table().AddColumns("benchmark", "subject", "method", "unit", "median", "p05", "p95", "× cpython/spawn");
        foreach (var r in rows.OrderBy(r => order.IndexOf(r.Benchmark)).ThenBy(r => r.Subject).ThenBy(r => r.StartMethod))
        {
            // The same params: a sweep's rows compare at equal chunksize, task size or argument size and mode.
            var reference = rows.FirstOrDefault(x => x.Benchmark == r.Benchmark && x.Params == r.Params && x.Subject == CpythonSubject.SubjectName && x.StartMethod == "spawn");
            var ratio = reference is { Median: > 0 } ? (r.Median / reference.Median).ToString("0.00") : "";
            // A sweep has one row per swept value: name it, or the rows of one method read alike.
            table.AddRow(Markup.Escape(SweepLabel(r)), r.Subject, r.StartMethod, r.Unit, Figure(r.Median), Figure(r.P05), Figure(r.P95), ratio);
        }
        AnsiConsole.Write(table);
    }

    /// <summary>Issue #4 §7's targets on medians: the engine's median over each reference median (every CPython
    /// start method, or the engine baseline under the same method). Figures only; the exit code ignores them.</summary>
    private static void Targets(IReadOnlyList<BenchRow> rows)
    {
        var table = new Table().AddColumns("target", "engine", "reference", "ratio", "met");
        foreach (var target in BenchCatalog.Targets)
            foreach (var engine in rows.Where(r => r.Subject == target.Subject && r.Benchmark == target.Benchmark
                                                   && (target.EngineMethod is null || r.StartMethod == target.EngineMethod)))
                foreach (var reference in BestOnly(target, rows.Where(r => r.Subject == target.ReferenceSubject && r.Benchmark == target.ReferenceBenchmark
                                                          && (target.ReferenceMethod is null || r.StartMethod == target.ReferenceMethod)
                                                          && (target.ReferenceSubject != EngineSubject.SubjectName || r.StartMethod == engine.StartMethod))))
                {
                    if (reference.Median <= 0) continue;
                    var ratio = engine.Median / reference.Median;
                    table.AddRow(Markup.Escape(target.Text), $"{engine.Subject}/{engine.StartMethod} {Figure(engine.Median)} {engine.Unit}",
                        $"{reference.Subject}/{reference.StartMethod} {reference.Benchmark} {Figure(reference.Median)} {reference.Unit}",
                        ratio.ToString("0.00"), target.IsMet(ratio) ? "yes" : "no");
                }
        if (table.Rows.Count == 0) return;
        Console.WriteLine("targets (issues #4 §7, #6 §8, #11 §5; medians; pipe-throughput-1mib meets its target if either bound holds):");
        AnsiConsole.Write(table);
    }

    /// <summary>The benchmark and its swept params: chunksize for the pool and executor sweeps; the size and the mode for
    /// the performance model's (whose chunksize is fixed at 1), the mode and measure for cow-memory.</summary>
    private static string SweepLabel(BenchRow r)
    {
        string[] keys = RowParams.Get(r.Params, "mode") is null ? ["chunksize"] : ["task_us", "bytes", "mode", "measure"];
        return string.Join(" ", keys.Select(k => (Key: k, Value: RowParams.Get(r.Params, k))).Where(p => p.Value is not null).Select(p => $"{p.Key}={p.Value}").Prepend(r.Benchmark));
    }

    /// <summary>Seeds 59.30, 59.34: the break-even task size and the crossover argument size per subject and method (the
    /// report has the curves).</summary>
    private static void PerformanceModel(IReadOnlyList<BenchRow> rows)
    {
        if (PerformanceModelBuilder.Build(rows) is not { } model) return;
        foreach (var (spec, series, what) in new[]
                 {
                     (PerformanceModelBuilder.TaskSize, model.TaskSize, "break-even task size (pool faster than serial from)"),
                     (PerformanceModelBuilder.ArgumentSize, model.ArgumentSize, "crossover size (shared memory cheaper than the channel from)"),
                 })
        {
            if (series.Count == 0) continue;
            Console.WriteLine($"{spec.Benchmark}: {what}:");
            foreach (var s in series)
                Console.WriteLine($"  {s.Label,-20} {PerformanceModelFormat.Threshold(spec, s),-22} ({string.Join(", ", s.Points.Select(p => $"{PerformanceModelFormat.Size(spec, p.Size)}: {p.Ratio:0.00}×"))})");
        }
    }

    /// <summary>For a target against the reference's best start method: only the row with the best median.</summary>
    private static IEnumerable<BenchRow> BestOnly(BenchTarget target, IEnumerable<BenchRow> references) =>
        !target.BestReference ? references
        : references.Where(r => r.Median > 0).OrderBy(r => target.AtLeast ? -r.Median : r.Median).Take(1);

    private static string Figure(double value) => Math.Abs(value) >= 100 ? value.ToString("0") : value.ToString("0.00");

    private static bool EngineIsUnoptimized() =>
        typeof(Lab.Engine.Multiprocessing).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
            .OfType<DebuggableAttribute>().Any(d => d.IsJITOptimizerDisabled);
}
