using System.CommandLine;
using Lab.Cli.Output;
using Lab.Results;
using Lab.Scenarios.Model;
using Lab.Scenarios.Running;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>`lab run`: scenarios on the subjects, a summary, results/conformance-RUN.csv. Exit 1 on any failure,
/// error, hang or defect divergence.
/// <para>Conformance runs in the production configuration: the engine's scheduling hooks stay off (a JIT-time constant,
/// Lab.Engine.Scheduling.EngineScheduling), as in any program that uses the engine. The scenarios that attach a scheduler
/// to engine code (<see cref="Scenario.NeedsSchedulingHooks"/>: the systematic area) run in a second `lab run` process
/// with the hooks on, and their rows join this run's (<see cref="ScheduledRun"/>).</para></summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var area = new Option<string?>("--area") { Description = $"only this area ({string.Join(", ", ScenarioCatalog.Areas)})" };
        var scenario = new Option<string?>("--scenario") { Description = "only this scenario id" };
        var seed = new Option<int?>("--seed") { Description = "seed of generated inputs (printed by every run; replays a failure)" };
        var subject = CommonOptions.Subject();
        var method = CommonOptions.Method();
        var python = CommonOptions.Python();
        var pypy = CommonOptions.Pypy();
        var quick = CommonOptions.Quick();
        var results = CommonOptions.Results();
        var junit = new Option<string?>("--junit") { Description = "also write JUnit XML to this file (one testcase per scenario case, failures with the replay command)" };
        var scheduledOnly = new Option<bool>(ScheduledRun.Option) { Description = "run only the scenarios that need the engine's scheduling hooks, with the hooks on (how lab run runs them)", Hidden = true };
        var command = new Command("run", "Run scenarios on the subjects and write results/conformance-<run>.csv.")
        {
            area, scenario, method, seed, quick, subject, python, pypy, results, junit, scheduledOnly,
        };
        command.SetAction(p => Execute(new RunOptions(p.GetValue(area), p.GetValue(scenario), p.GetValue(method), p.GetValue(seed), p.GetValue(quick),
            p.GetValue(subject)!, p.GetValue(python), p.GetValue(pypy), p.GetValue(results)!, p.GetValue(junit), p.GetValue(scheduledOnly))));
        return command;
    }

    private static int Execute(RunOptions options)
    {
        CommonOptions.ValidateMethod(options.Method);
        if (options.Scenario is not null && ScenarioCatalog.Find(options.Scenario) is null)
            throw new UsageError($"no scenario '{options.Scenario}' (see 'lab list')");
        if (options.Area is not null && !ScenarioCatalog.Areas.Contains(options.Area))
            throw new UsageError($"no area '{options.Area}': expected one of {string.Join(", ", ScenarioCatalog.Areas)}");
        var selected = ScenarioCatalog.All
            .Where(s => options.Area is null || s.Area == options.Area)
            .Where(s => options.Scenario is null || s.Id == options.Scenario)
            .ToList();
        if (selected.Count == 0) throw new UsageError("no scenario matches the filters");

        // In-process with the hooks on only when every selected scenario needs them; otherwise those run in a second process.
        var scheduled = selected.Where(s => s.NeedsSchedulingHooks).ToList();
        var here = options.ScheduledOnly || scheduled.Count == selected.Count ? scheduled : selected.Except(scheduled).ToList();
        if (here.Count == 0) throw new UsageError("no scenario matches the filters");
        if (here.Any(s => s.NeedsSchedulingHooks)) SchedulingHooks.Enable();
        var elsewhere = here == scheduled ? [] : scheduled;

        var settings = new RunSettings(options.Seed ?? RunSettings.NewSeed(), options.Quick);
        var request = new RunRequest(here, CommonOptions.Subjects(options.Subject, options.Python, options.Pypy), options.Method, settings);
        var run = RunInfo.Create();
        Console.WriteLine($"lab run {run.RunId}: seed {settings.Seed}{(options.Quick ? ", quick" : "")}; subjects: {string.Join(", ", request.Subjects.Select(s => $"{s.Name} {s.Version}"))}" +
                          (options.ScheduledOnly ? "; scheduling hooks on" : ""));

        var plan = ScenarioRunner.Plan(request);
        var results = RunProgress.Track("scenarios", plan.Count, report => ScenarioRunner.Run(request, (step, result) =>
            report($"{step.Scenario.Id}{(step.Case.Label.Length > 0 ? $" [{step.Case.Label}]" : "")} {step.Subject.Name}/{step.Method}", RowMapper.OutcomeName(result.Outcome))),
            unlisted: Outcomes.Skip);
        var rows = results.Select(r => RowMapper.ToRow(run, r)).ToList();
        if (elsewhere.Count > 0) rows.AddRange(ScheduledRun.Rows(options, settings, run));

        Directory.CreateDirectory(options.Results);
        var path = Path.Combine(options.Results, ResultsCsv.ConformanceFileName(run.RunId));
        ResultsCsv.Write(path, rows);
        Summary(rows, settings, path);
        if (options.Junit is not null)
        {
            JunitReport.Write(options.Junit, rows, r => Replay(r.Subject, r.StartMethod, r.Scenario, settings));
            Console.WriteLine($"junit: {Path.GetFullPath(options.Junit)}");
        }
        var failed = rows.Count(r => r.Outcome is Outcomes.Fail or Outcomes.Error or Outcomes.Hang);
        return failed > 0 || rows.Any(r => r.Verdict == Verdicts.Defect) ? 1 : 0;
    }

    private static void Summary(IReadOnlyList<ConformanceRow> rows, RunSettings settings, string path)
    {
        var table = new Table().AddColumns("subject", "method", "pass", "fail", "error", "hang", "skip");
        foreach (var g in rows.GroupBy(r => (r.Subject, r.StartMethod)))
            table.AddRow(g.Key.Subject, g.Key.StartMethod,
                Count(g, Outcomes.Pass), Count(g, Outcomes.Fail), Count(g, Outcomes.Error), Count(g, Outcomes.Hang), Count(g, Outcomes.Skip));
        AnsiConsole.Write(table);
        foreach (var r in rows.Where(r => r.Outcome is Outcomes.Fail or Outcomes.Error or Outcomes.Hang))
        {
            Console.WriteLine($"{r.Outcome.ToUpperInvariant()} {r.Scenario} {r.Params} on {r.Subject}/{r.StartMethod}: expected {r.Expected}, observed {r.Observed}");
            if (r.Detail.Length > 0) Console.WriteLine($"  {r.Detail.Replace("\n", "\n  ")}");
            Console.WriteLine($"  replay: {Replay(r.Subject, r.StartMethod, r.Scenario, settings)}");
        }
        foreach (var d in rows.Where(r => r.Verdict.Length > 0).GroupBy(r => (r.Scenario, r.Verdict)))
            Console.WriteLine($"divergence ({d.Key.Verdict}): {d.Key.Scenario}");
        Console.WriteLine($"results: {path}");
    }

    private static string Replay(string subject, string method, string scenario, RunSettings settings) =>
        $"lab run --subject {subject} --method {method} --scenario {scenario} --seed {settings.Seed}{(settings.Quick ? " --quick" : "")}";

    private static string Count(IEnumerable<ConformanceRow> rows, string outcome) => rows.Count(r => r.Outcome == outcome).ToString();
}

/// <summary>`lab run`'s options, as given.</summary>
internal sealed record RunOptions(string? Area, string? Scenario, string? Method, int? Seed, bool Quick, string Subject, string? Python, string? Pypy,
    string Results, string? Junit, bool ScheduledOnly);
