using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.StartMethods;

public sealed class AvailableScenario : Scenario
{
    public override string Id => "start-methods.available";
    public override string Rule => "get_all_start_methods() lists the start methods this OS supports, the default first.";
    public override string Source => "seeds 59.4 Process Creation Methods; CPython docs, get_all_start_methods";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("methods=spawn,forkserver")];

    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python ? Observation.Parse("methods=fork,spawn,forkserver") : null;

    /// <summary>Found by the cross-OS matrix (issue #11): the default comes first, so when 3.14 made forkserver the default
    /// on Linux, the list's order changed with it.</summary>
    public override IReadOnlyList<VersionChange> VersionChanges =>
    [
        new(SubjectKind.Python, null, "3.14", "methods=fork,spawn,forkserver", "methods=forkserver,fork,spawn",
            "get_all_start_methods() puts the default first, and CPython 3.14 made forkserver the default on Linux (gh-84559)."),
    ];

    public override string IntendedDivergence =>
        "The engine has no fork (a .NET runtime cannot run managed code after fork()); its forkserver hands out pre-started workers instead of forks (engine/Lab.Engine/Forking/README.md).";
}
