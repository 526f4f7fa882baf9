using System.Reflection;
using Lab.Engine;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Subjects;

/// <summary>The reference engine, in this process: scenarios call it directly and it starts real children.</summary>
public sealed class EngineSubject : Subject
{
    public const string SubjectName = "engine";

    public override string Name => SubjectName;

    public override string Version { get; } =
        typeof(Multiprocessing).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Multiprocessing).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The git commit the engine was built from (the SDK stamps it after '+' in the informational version when it
    /// builds from a git checkout), or "" when unknown.</summary>
    public static string Commit { get; } =
        typeof(Multiprocessing).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } v && v.IndexOf('+') is var plus and >= 0
            ? v[(plus + 1)..]
            : "";

    public override IReadOnlyList<string> StartMethods { get; } = Multiprocessing.AllStartMethods.Select(m => m.ToName()).ToArray();

    public override string? NotApplicable(Scenario scenario, string startMethod) =>
        scenario.AppliesToEngine(Lab.Engine.StartMethods.Parse(startMethod)) ? null : "does not apply to the engine (see the scenario's documentation)";

    public override string Expected(Scenario scenario, ScenarioCase @case, string startMethod) => @case.Expected;

    public override Observation Observe(Scenario scenario, ScenarioCase @case, string startMethod, RunSettings settings) =>
        scenario.RunOnEngine(@case, Multiprocessing.GetContext(Lab.Engine.StartMethods.Parse(startMethod)), settings, scenario.Budget);
}
