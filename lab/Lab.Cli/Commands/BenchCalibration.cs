using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Lab.Cli.Output;
using Lab.Results;
using Lab.Results.Nightly;
using Lab.Scenarios.Benchmarks;
using Lab.Scenarios.Subjects;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>
/// `lab bench --calibrate` (issue #12 §3): measures, on this machine, how often `lab compare` flags a change that is not
/// there and how often it finds one that is. Every run is a separate `lab bench` process writing to a private history, as
/// the nights of a real history are separate processes (a fresh JIT, a fresh memory layout: most of what differs between
/// two runs of one build): first a baseline window of runs of a few fast engine benchmarks, then, for each of
/// <c>--pairs</c> rounds, one more such run (an A/A comparison against the runs before it) and two runs of spin whose work
/// is 1.10 and 1.25 times its base (the same series made slower; compared with the window of base runs before them).
/// Rates go to results/calibration-RUN.csv and the report's nightly section.
/// </summary>
internal static class BenchCalibration
{
    /// <summary>Fast and engine only: a run costs a few seconds (start-latency, at 23 process starts a method, costs ten).</summary>
    public static readonly string[] SameBuildBenchmarks = [Spin.Id, SharedMemoryCopy.MemcpyId, SharedMemoryCopy.ShmId];

    public static readonly double[] Slowdowns = [1.10, 1.25];

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    public static int Execute(int pairs, int? samples, int? warmup, string resultsDir, string? keepRuns)
    {
        if (pairs < 1) throw new UsageError("--pairs must be at least 1");
        var policy = ComparePolicy.Default;
        var plan = new BenchPlan(samples ?? BenchPlan.Quick.Samples, warmup ?? BenchPlan.Quick.Warmup);
        if (plan.Samples < policy.MinSamples) throw new UsageError($"--n must be at least {policy.MinSamples} for a comparison");
        var run = RunInfo.Create() with { Commit = EngineSubject.Commit };
        if (keepRuns is not null && Directory.Exists(keepRuns) && Directory.EnumerateFileSystemEntries(keepRuns).Any())
            throw new UsageError($"--keep-runs {keepRuns}: the directory is not empty (the calibration's history must hold its own runs only)");
        var scratch = keepRuns is not null ? Directory.CreateDirectory(keepRuns).FullName : Directory.CreateTempSubdirectory("lab-calibration-").FullName;
        try
        {
            var sameBuild = Path.Combine(scratch, "same-build");
            var steps = new List<(string Label, string Dir, string[] Benchmarks, double Work)>();
            for (var i = 0; i < policy.Window; i++)
                steps.Add(($"baseline run {i + 1}/{policy.Window}", sameBuild, SameBuildBenchmarks, 1));
            for (var i = 0; i < pairs; i++)
            {
                steps.Add(($"round {i + 1}/{pairs}: same build", sameBuild, SameBuildBenchmarks, 1));
                foreach (var factor in Slowdowns)
                    steps.Add(($"round {i + 1}/{pairs}: spin × {factor:0.00}", Path.Combine(scratch, Slowed(factor)), [Spin.Id], factor));
            }
            Console.WriteLine($"lab bench --calibrate {run.RunId}: {steps.Count} runs of `lab bench` ({RowParams.Display(plan.Params)}; same build: {string.Join(", ", SameBuildBenchmarks)}; " +
                              $"spin at × {string.Join(", × ", Slowdowns.Select(f => f.ToString("0.00", CultureInfo.InvariantCulture)))}), each compared as lab compare would ({RowParams.Display(Describe(policy))})");
            var clock = Stopwatch.StartNew();
            try
            {
                RunProgress.Run("calibration runs", steps, s => s.Label, s =>
                {
                    BenchChild(s.Dir, s.Benchmarks, s.Work, plan);
                    return "ok";
                });
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Rates from a history with a hole would not be what they claim: nothing is written.
                Console.Error.WriteLine($"lab bench --calibrate: {e.Message}");
                return 1;
            }

            var baseHistory = SeriesHistory.From(ResultsCsv.ReadAllSamples(sameBuild));
            // The false alarms of all series, then of each benchmark's: wall-clock figures and CPU time do not suffer a
            // loaded machine alike, and the reader should see which ones raised them.
            var rates = new List<(CalibrationRate Rate, string Benchmarks)> { (Calibration.MeasureFalseAlarms(baseHistory, policy), string.Join(",", SameBuildBenchmarks)) };
            rates.AddRange(SameBuildBenchmarks.Select(b => (Calibration.MeasureFalseAlarms(baseHistory.Where(h => h.Key.Benchmark == b).ToList(), policy), b)));
            rates.AddRange(Slowdowns.Select(f => (Calibration.MeasurePower(baseHistory, SeriesHistory.From(ResultsCsv.ReadAllSamples(Path.Combine(scratch, Slowed(f)))), f, policy), Spin.Id)));

            var rows = rates.Select(x => new CalibrationRow
            {
                RunId = run.RunId,
                Utc = DateTimeOffset.UtcNow,
                Host = run.Host,
                Os = run.Os,
                Runtime = run.Runtime,
                Commit = run.Commit,
                Check = x.Rate.Check,
                Benchmarks = x.Benchmarks,
                Trials = x.Rate.Trials,
                Flagged = x.Rate.Flagged,
                Rate = x.Rate.Rate,
                Goal = x.Rate.Goal,
                GoalKind = x.Rate.AtMost ? "at-most" : "at-least",
                Met = x.Rate.Met,
                Params = RowParams.Merge(Describe(policy), plan.Params),
            }).ToList();
            Directory.CreateDirectory(resultsDir);
            var path = Path.Combine(resultsDir, ResultsCsv.CalibrationFileName(run.RunId));
            ResultsCsv.Write(path, rows);

            var table = new Table().AddColumns("check", "benchmarks", "flagged", "of", "rate", "goal", "met");
            foreach (var (r, benchmarks) in rates)
                table.AddRow(r.Check, benchmarks, r.Flagged.ToString(CultureInfo.InvariantCulture), r.Trials.ToString(CultureInfo.InvariantCulture),
                    Percent(r.Rate), (r.AtMost ? "≤ " : "≥ ") + Percent(r.Goal), r.Met ? "yes" : "no");
            AnsiConsole.Write(table);
            Console.WriteLine($"results: {path} ({clock.Elapsed.TotalSeconds:0} s)");
            return 0;
        }
        finally
        {
            if (keepRuns is null)
            {
                try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
            }
        }
    }

    /// <summary>The comparison's settings as params (<see cref="RowParams"/>).</summary>
    public static string Describe(ComparePolicy p) =>
        RowParams.Of(("window", p.Window), ("threshold", p.Threshold), ("noise_coverage", p.NoiseCoverage), ("alpha", p.Alpha));

    private static string Slowed(double factor) => "spin-x" + factor.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(double rate) => double.IsNaN(rate) ? "–" : (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    /// <summary>One `lab bench` process, engine only, into <paramref name="dir"/>; killed with its children after
    /// <see cref="RunTimeout"/>. Its output is shown only if it fails.</summary>
    private static void BenchChild(string dir, string[] benchmarks, double work, BenchPlan plan)
    {
        var start = SelfStart();
        foreach (var arg in new[] { "bench", "--subject", "engine", "--benchmark", string.Join(',', benchmarks), "--n", plan.Samples.ToString(CultureInfo.InvariantCulture),
                     "--warmup", plan.Warmup.ToString(CultureInfo.InvariantCulture), "--spin-work", work.ToString("R", CultureInfo.InvariantCulture), "--results", dir })
            start.ArgumentList.Add(arg);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var child = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(RunTimeout))
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            throw new TimeoutException($"a calibration run did not finish within {RunTimeout.TotalMinutes:0} minutes and was killed:\n{stdout.Result}{stderr.Result}");
        }
        if (child.ExitCode != 0)
            throw new InvalidOperationException($"a calibration run exited with {child.ExitCode}:\n{stdout.Result}{stderr.Result}");
    }

    /// <summary>This same `lab`: its apphost, or `dotnet lab.dll` when it was started that way.</summary>
    private static ProcessStartInfo SelfStart()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this process is unknown");
        if (Path.GetFileNameWithoutExtension(process) != "dotnet") return new ProcessStartInfo(process);
        var start = new ProcessStartInfo(process);
        start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        return start;
    }
}
