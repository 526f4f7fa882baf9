using System.Reflection;
using Lab.Engine;
using Lab.Scenarios.EngineTwins;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Subjects;

/// <summary>The reference engine, in this process: its twins (EngineTwins/) call the library and start real children.</summary>
public sealed class EngineSubject : ISubject
{
    public const string SubjectName = "engine";

    private readonly IReadOnlyDictionary<string, EngineTwin> _twins = EngineTwinRegistry.ById;

    public string Name => SubjectName;

    public SubjectKind Kind => SubjectKind.Engine;

    public string Version { get; } =
        typeof(Multiprocessing).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Multiprocessing).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The git commit the engine was built from (the SDK stamps it after '+' in the informational version when it
    /// builds from a git checkout), or "" when unknown.</summary>
    public static string Commit { get; } =
        typeof(Multiprocessing).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } v && v.IndexOf('+') is var plus and >= 0
            ? v[(plus + 1)..]
            : "";

    public IReadOnlyList<string> StartMethods { get; } = Multiprocessing.AllStartMethods.Select(m => m.ToName()).ToArray();

    public IReadOnlySet<string> Twins => _twins.Keys.ToHashSet();

    public string? NotApplicable(string twin, string startMethod) =>
        !_twins.TryGetValue(twin, out var t) ? "the engine has no twin for this scenario"
        : t.NotUnder(Lab.Engine.StartMethods.Parse(startMethod));

    public Observation Observe(CaseCall call)
    {
        if (!_twins.TryGetValue(call.Twin, out var twin)) throw new InvalidOperationException($"the engine has no twin '{call.Twin}'");
        return twin.ObserveCase(call, Multiprocessing.GetContext(Lab.Engine.StartMethods.Parse(call.StartMethod)), call.Settings, call.Budget);
    }
}
