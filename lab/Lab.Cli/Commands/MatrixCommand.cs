using System.CommandLine;
using System.Globalization;
using Lab.Cli.Output;
using Lab.Matrix;
using Lab.Matrix.Cells;
using Lab.Matrix.Images;
using Lab.Results;
using Lab.Scenarios.Benchmarks;
using Lab.Scenarios.Model;
using Lab.Scenarios.Subjects;
using Spectre.Console;
using Outcomes = Lab.Results.Outcomes;

namespace Lab.Cli.Commands;

/// <summary>
/// `lab matrix`: cross-OS validation (issue #11). The same `lab run` and `lab bench` in one container per OS image
/// (bullseye, bookworm, trixie, sid: Python 3.9 to 3.14), cells in parallel over one or more Docker engines, results in
/// results/matrix-RUN/ with the judged cross-image divergences. Exit 1 if a cell did not finish, a row failed, or a
/// cross-image divergence is unexplained (a defect); 2 for bad input or no engine.
/// </summary>
internal static class MatrixCommand
{
    public static Command Create()
    {
        var images = MatrixCommonOptions.Images();
        var hosts = MatrixCommonOptions.DockerHosts();
        var jobs = new Option<int>("--jobs") { Description = "cells running at once, over all engines (default: this machine's cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var subject = new Option<string[]>("--subject") { Description = "engine, cpython or all (default); repeat to make one cell per subject set and image" };
        var only = new Option<string?>("--only") { Description = "run (scenarios only) or bench (benchmarks only); default both" };
        var area = new Option<string?>("--area") { Description = "lab run: only this area" };
        var scenario = new Option<string?>("--scenario") { Description = "lab run: only this scenario id" };
        var method = CommonOptions.Method();
        var seed = new Option<int?>("--seed") { Description = "lab run: seed of generated inputs, the same in every image (default: a new one, printed)" };
        var quick = CommonOptions.Quick();
        var benchQuick = new Option<bool>("--bench-quick") { Description = "lab bench --quick only (the scenarios run in full)" };
        var benchmark = new Option<string[]>("--benchmark") { Description = "lab bench: only these benchmarks (repeatable, or a comma list)" };
        var samples = new Option<int?>("--n") { Description = "lab bench: samples per series" };
        var warmup = new Option<int?>("--warmup") { Description = "lab bench: discarded warm-up runs per series" };
        var labDir = new Option<string?>("--lab") { Description = "the lab published self-contained for linux-x64 (default: this lab, if it is one)" };
        var cellTimeout = new Option<double>("--cell-timeout") { Description = "minutes a cell may take before it is killed and recorded as hang", DefaultValueFactory = _ => 90 };
        var results = CommonOptions.Results();
        var workDir = MatrixCommonOptions.WorkDir();
        var mirror = MatrixCommonOptions.Mirror();
        var command = new Command("matrix", "Run the scenarios and benchmarks in one container per OS image (Debian bullseye to sid) and judge the cross-image divergences; write results/matrix-<run>/.")
        {
            images, hosts, jobs, subject, only, area, scenario, method, seed, quick, benchQuick, benchmark, samples, warmup, labDir, cellTimeout, results, workDir, mirror,
        };
        command.SetAction(p =>
        {
            var recipes = MatrixCommonOptions.SelectImages(p.GetValue(images));
            var subjects = p.GetValue(subject) is { Length: > 0 } s ? s : ["all"];
            foreach (var set in subjects)
                if (set != "all" && set.Split(',').Any(n => SubjectCatalog.Find(n.Trim()) is null))
                    throw new UsageError($"unknown subject '{set}': expected {string.Join(", ", SubjectCatalog.Names)}, a comma list of them, or all");
            if (p.GetValue(jobs) < 1) throw new UsageError("--jobs must be at least 1");
            if (p.GetValue(cellTimeout) <= 0) throw new UsageError("--cell-timeout must be positive");
            var commands = Commands(p.GetValue(only), p.GetValue(area), p.GetValue(scenario), p.GetValue(method), p.GetValue(seed) ?? RunSettings.NewSeed(),
                p.GetValue(quick), p.GetValue(benchQuick), p.GetValue(benchmark), p.GetValue(samples), p.GetValue(warmup));
            var options = new MatrixOptions(recipes, p.GetValue(hosts) ?? [], p.GetValue(jobs), subjects, commands, LabDir(p.GetValue(labDir)),
                p.GetValue(results)!, p.GetValue(workDir)!, p.GetValue(mirror) ?? AptMirror.Detect(), TimeSpan.FromMinutes(p.GetValue(cellTimeout)));
            return MatrixCommonOptions.WithSignals(cancel => Execute(options, cancel));
        });
        return command;
    }

    /// <summary>The `lab run` and `lab bench` arguments of every cell, validated here (the same lab runs inside).</summary>
    private static CellCommands Commands(string? only, string? area, string? scenario, string? method, int seed, bool quick, bool benchQuick,
        string[]? benchmarks, int? samples, int? warmup)
    {
        if (only is not (null or "run" or "bench")) throw new UsageError($"--only must be run or bench, not '{only}'");
        CommonOptions.ValidateMethod(method);
        if (area is not null && !ScenarioCatalog.Areas.Contains(area))
            throw new UsageError($"no area '{area}': expected one of {string.Join(", ", ScenarioCatalog.Areas)}");
        if (scenario is not null && ScenarioCatalog.Find(scenario) is null) throw new UsageError($"no scenario '{scenario}' (see 'lab list')");
        try
        {
            BenchCatalog.Select(benchmarks);
        }
        catch (ArgumentException e)
        {
            throw new UsageError(e.Message);
        }
        var run = new List<string> { "--seed", seed.ToString(CultureInfo.InvariantCulture) };
        if (area is not null) run.AddRange(["--area", area]);
        if (scenario is not null) run.AddRange(["--scenario", scenario]);
        if (method is not null) run.AddRange(["--method", method]);
        if (quick) run.Add("--quick");
        var bench = new List<string>();
        if (quick || benchQuick) bench.Add("--quick");
        foreach (var b in benchmarks ?? []) bench.AddRange(["--benchmark", b]);
        if (samples is { } n) bench.AddRange(["--n", n.ToString(CultureInfo.InvariantCulture)]);
        if (warmup is { } w) bench.AddRange(["--warmup", w.ToString(CultureInfo.InvariantCulture)]);
        return new CellCommands(only == "bench" ? null : run, only == "run" ? null : bench);
    }

    /// <summary>The self-contained lab to mount: the one given, else this one if it was published self-contained
    /// (its folder holds the runtime, System.Private.CoreLib.dll, next to the lab).</summary>
    private static string LabDir(string? given)
    {
        var dir = given ?? AppContext.BaseDirectory;
        var selfContained = File.Exists(Path.Combine(dir, "System.Private.CoreLib.dll")) && File.Exists(Path.Combine(dir, "lab"));
        if (selfContained) return Path.GetFullPath(dir);
        throw new UsageError(given is not null
            ? $"--lab {given} is not a self-contained lab (no lab and System.Private.CoreLib.dll there): publish one with 'dotnet publish lab/Lab.Cli -c Release -r linux-x64 --self-contained -o DIR'"
            : "the containers need the lab published self-contained for linux-x64, and this lab is not: run './run-all.sh matrix', or publish with 'dotnet publish lab/Lab.Cli -c Release -r linux-x64 --self-contained -o DIR' and pass --lab DIR");
    }

    private static async Task<int> Execute(MatrixOptions options, CancellationToken cancel)
    {
        var run = options.Commands.Run;
        Console.WriteLine($"lab matrix: images {string.Join(", ", options.Images.Select(i => i.Label))}; subjects {string.Join(", ", options.SubjectSets)}; " +
                          $"up to {options.Jobs} cell(s) at once; lab run {(run is null ? "skipped" : string.Join(' ', run))}; lab bench {(options.Commands.Bench is { } b ? string.Join(' ', b) : "skipped")}");
        var progress = new MatrixProgress();
        var outcome = await progress.RunAsync(() => MatrixRunner.RunAsync(options, progress, cancel));
        Summary(outcome);
        return outcome.Failed ? 1 : 0;
    }

    private static void Summary(MatrixOutcome outcome)
    {
        var table = new Table().AddColumns("image", "os", "subjects", "cells", "pass", "fail", "error", "hang", "skip", "bench series", "divergences");
        var results = outcome.Results;
        foreach (var image in outcome.Cells.Select(c => c.Image).Distinct().Order(StringComparer.Ordinal))
        {
            var rows = results.Conformance.Where(r => r.Image == image).ToList();
            string N(string o) => rows.Count(r => r.Outcome == o).ToString(CultureInfo.InvariantCulture);
            var cells = outcome.Cells.Where(c => c.Image == image).ToList();
            var divergences = outcome.Divergences.Where(d => d.Image == image).GroupBy(d => d.Divergence).Select(g => g.First().Verdict).ToList();
            table.AddRow(Markup.Escape(image), Markup.Escape(string.Join(", ", rows.Select(r => r.Os).Distinct())),
                Markup.Escape(string.Join(", ", rows.Select(r => $"{r.Subject} {r.SubjectVersion}").Distinct().Order())),
                Markup.Escape(string.Join(" ", cells.Select(c => $"{c.Subjects}:{c.Outcome}"))),
                N(Outcomes.Pass), N(Outcomes.Fail), N(Outcomes.Error), N(Outcomes.Hang), N(Outcomes.Skip),
                results.Bench.Count(r => r.Image == image).ToString(CultureInfo.InvariantCulture),
                $"{divergences.Count(v => v == Verdicts.Intended)} intended, {divergences.Count(v => v == Verdicts.Defect)} defect");
        }
        AnsiConsole.Write(table);
        foreach (var cell in outcome.Cells.Where(c => c.Outcome != CellRow.Done))
            Console.WriteLine($"CELL {cell.Outcome.ToUpperInvariant()} {cell.Image} {cell.Subjects} on {cell.Engine}: {cell.Detail}");
        foreach (var r in results.Conformance.Where(r => r.Outcome is Outcomes.Fail or Outcomes.Error or Outcomes.Hang))
            Console.WriteLine($"{r.Outcome.ToUpperInvariant()} {r.Scenario} on {r.Subject}/{r.StartMethod} in {r.Image}: expected '{r.Expected}', observed '{r.Observed}'");
        foreach (var d in results.Conformance.Where(r => r.Verdict == Verdicts.Defect).GroupBy(r => (r.Image, r.Scenario)))
            Console.WriteLine($"divergence between subjects (defect) in {d.Key.Image}: {d.Key.Scenario}: " +
                              string.Join(" | ", d.Select(r => $"{r.Subject}/{r.StartMethod}: {r.Observed}")));
        foreach (var d in outcome.Divergences.GroupBy(d => d.Divergence))
        {
            var first = d.First();
            Console.WriteLine($"cross-image divergence ({first.Verdict}): {first.Scenario} on {first.Subject}/{first.StartMethod}{(first.Params.Length > 0 ? " " + first.Params : "")}: " +
                              string.Join(" | ", d.Select(o => $"{o.Image} ({o.SubjectVersion}): {o.Observed}")));
            if (first.Reason.Length > 0) Console.WriteLine($"  why: {first.Reason}");
        }
        Console.WriteLine($"results: {outcome.Folder} ({outcome.Elapsed.TotalMinutes:0.0} min); 'lab report' renders the cross-OS section");
    }
}
