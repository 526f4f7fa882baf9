using System.CommandLine;
using Lab.Cli.Output;
using Lab.Results;
using Lab.Scenarios.Model;
using Lab.Scenarios.Running;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>`lab run`: scenarios on the subjects, a summary, results/conformance-RUN.csv. Exit 1 on any failure,
/// error, hang or defect divergence.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var area = new Option<string?>("--area") { Description = "only this area (isolation, exit-codes, termination, pickling, start-methods)" };
        var scenario = new Option<string?>("--scenario") { Description = "only this scenario id" };
        var seed = new Option<int?>("--seed") { Description = "seed of generated inputs (printed by every run; replays a failure)" };
        var subject = CommonOptions.Subject();
        var method = CommonOptions.Method();
        var python = CommonOptions.Python();
        var quick = CommonOptions.Quick();
        var results = CommonOptions.Results();
        var junit = new Option<string?>("--junit") { Description = "also write JUnit XML to this file (one testcase per scenario case, failures with the replay command)" };
        var command = new Command("run", "Run scenarios on the engine and/or CPython and write results/conformance-<run>.csv.")
        {
            area, scenario, method, seed, quick, subject, python, results, junit,
        };
        command.SetAction(p => Execute(p.GetValue(area), p.GetValue(scenario), p.GetValue(method), p.GetValue(seed), p.GetValue(quick),
            p.GetValue(subject)!, p.GetValue(python), p.GetValue(results)!, p.GetValue(junit)));
        return command;
    }

    private static int Execute(string? area, string? scenarioId, string? method, int? seed, bool quick, string subject, string? python, string resultsDir, string? junit)
    {
        SchedulingHooks.Enable();
        CommonOptions.ValidateMethod(method);
        var scenarios = ScenarioCatalog.All
            .Where(s => area is null || s.Area == area)
            .Where(s => scenarioId is null || s.Id == scenarioId)
            .ToList();
        if (scenarioId is not null && ScenarioCatalog.Find(scenarioId) is null)
            throw new UsageError($"no scenario '{scenarioId}' (see 'lab list')");
        if (area is not null && !ScenarioCatalog.Areas.Contains(area))
            throw new UsageError($"no area '{area}': expected one of {string.Join(", ", ScenarioCatalog.Areas)}");
        if (scenarios.Count == 0)
            throw new UsageError("no scenario matches the filters");

        var settings = new RunSettings(seed ?? RunSettings.NewSeed(), quick);
        var request = new RunRequest(scenarios, CommonOptions.Subjects(subject, python), method, settings);
        var run = RunInfo.Create();
        Console.WriteLine($"lab run {run.RunId}: seed {settings.Seed}{(quick ? ", quick" : "")}; subjects: {string.Join(", ", request.Subjects.Select(s => $"{s.Name} {s.Version}"))}");

        var plan = ScenarioRunner.Plan(request);
        var raw = new List<CaseResult>();
        RunProgress.Run("scenarios", plan,
            step => $"{step.Scenario.Id}{(step.Case.Label.Length > 0 ? $" [{step.Case.Label}]" : "")} {step.Subject.Name}/{step.Method}",
            step =>
            {
                var result = ScenarioRunner.RunOne(step.Scenario, step.Subject, step.Method, step.Case, settings);
                raw.Add(result);
                return result.Outcome.ToName();
            }, unlisted: Outcome.Skip.ToName());
        var marked = DivergenceJudge.Mark(raw);

        Directory.CreateDirectory(resultsDir);
        var path = Path.Combine(resultsDir, ResultsCsv.ConformanceFileName(run.RunId));
        var rows = marked.Select(r => RowMapper.ToRow(run, r)).ToList();
        ResultsCsv.Write(path, rows);
        Summary(marked, settings, path);
        if (junit is not null)
        {
            JunitReport.Write(junit, rows, r => Replay(r.Subject, r.StartMethod, r.Scenario, settings));
            Console.WriteLine($"junit: {Path.GetFullPath(junit)}");
        }
        var failed = marked.Count(r => r.Outcome is Outcome.Fail or Outcome.Error or Outcome.Hang);
        return failed > 0 || DivergenceJudge.HasDefects(marked) ? 1 : 0;
    }

    private static void Summary(IReadOnlyList<CaseResult> results, RunSettings settings, string path)
    {
        var table = new Table().AddColumns("subject", "method", "pass", "fail", "error", "hang", "skip");
        foreach (var g in results.GroupBy(r => (r.Subject, r.StartMethod)))
            table.AddRow(g.Key.Subject, g.Key.StartMethod,
                Count(g, Outcome.Pass), Count(g, Outcome.Fail), Count(g, Outcome.Error), Count(g, Outcome.Hang), Count(g, Outcome.Skip));
        AnsiConsole.Write(table);
        foreach (var r in results.Where(r => r.Outcome is Outcome.Fail or Outcome.Error or Outcome.Hang))
        {
            Console.WriteLine($"{r.Outcome.ToName().ToUpperInvariant()} {r.Scenario.Id} {r.Case.Label} on {r.Subject}/{r.StartMethod}: expected '{r.Expected}', observed '{r.Observed}'");
            if (r.Detail.Length > 0) Console.WriteLine($"  {r.Detail.Replace("\n", "\n  ")}");
            Console.WriteLine($"  replay: {Replay(r.Subject, r.StartMethod, r.Scenario.Id, settings)}");
        }
        var divergent = results.Where(r => r.Verdict.Length > 0).GroupBy(r => (r.Scenario.Id, r.Verdict)).ToList();
        foreach (var d in divergent)
            Console.WriteLine($"divergence ({d.Key.Verdict}): {d.Key.Id}");
        Console.WriteLine($"results: {path}");
    }

    private static string Replay(string subject, string method, string scenario, RunSettings settings) =>
        $"lab run --subject {subject} --method {method} --scenario {scenario} --seed {settings.Seed}{(settings.Quick ? " --quick" : "")}";

    private static string Count(IEnumerable<CaseResult> rows, Outcome outcome) => rows.Count(r => r.Outcome == outcome).ToString();
}
