using System.Diagnostics;
using System.Reflection;
using Lab.Results;
using Lab.Scenarios.Model;

namespace Lab.Cli.Commands;

/// <summary>
/// The scenarios that need the engine's scheduling hooks (<see cref="Scenario.NeedsSchedulingHooks"/>), run by a second
/// `lab run` with the same filters, seed and subjects and the hidden <see cref="Option"/>: the hooks are fixed when the
/// engine is first used in a process, so a run cannot be in the production configuration for some cases and not others.
/// Its rows join the calling run's (run id and time rewritten); its progress goes to the same console.
/// </summary>
internal static class ScheduledRun
{
    public const string Option = "--scheduled-only";

    /// <summary>The child's limit: the systematic area takes a few minutes in a full run.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(60);

    public static IReadOnlyList<ConformanceRow> Rows(RunOptions options, RunSettings settings, RunInfo run)
    {
        var folder = Directory.CreateTempSubdirectory("lab-scheduled-");
        try
        {
            var arguments = Arguments(options, settings, folder.FullName).ToList();
            var start = Self();
            foreach (var arg in arguments) start.ArgumentList.Add(arg);
            Console.WriteLine($"the scenarios that need the engine's scheduling hooks run in a second process: lab {string.Join(' ', arguments)}");
            using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
            if (!child.WaitForExit(Limit))
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit();
                throw new TimeoutException($"the scheduled part of the run did not finish within {Limit.TotalMinutes} minutes and was killed");
            }
            if (child.ExitCode > 1) throw new InvalidOperationException($"the scheduled part of the run failed with exit code {child.ExitCode} (see above)");
            var files = Directory.GetFiles(folder.FullName, "conformance-*.csv");
            if (files.Length != 1) throw new InvalidOperationException($"the scheduled part of the run wrote {files.Length} result files instead of one");
            return ResultsCsv.ReadConformance(files[0]).Select(r => r with { RunId = run.RunId, Utc = run.Utc, Image = run.Image }).ToList();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> Arguments(RunOptions o, RunSettings settings, string results)
    {
        yield return "run";
        yield return Option;
        yield return "--seed";
        yield return settings.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (o.Quick) yield return "--quick";
        foreach (var (name, value) in new[] { ("--area", o.Area), ("--scenario", o.Scenario), ("--method", o.Method), ("--python", o.Python), ("--pypy", o.Pypy) })
        {
            if (value is null) continue;
            yield return name;
            yield return value;
        }
        yield return "--subject";
        yield return o.Subject;
        yield return "--results";
        yield return results;
    }

    /// <summary>This program again: the apphost, or `dotnet lab.dll` when it runs through the muxer.</summary>
    private static ProcessStartInfo Self()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell this program's path");
        var start = new ProcessStartInfo(path) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        return start;
    }
}
