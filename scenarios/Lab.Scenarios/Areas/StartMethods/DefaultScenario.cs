using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.StartMethods;

public sealed class DefaultScenario : Scenario
{
    public override string Id => "start-methods.default";
    public override string Rule => "get_start_method() names the default start method of this runtime on this OS.";
    public override string Source => "seeds 59.4; card ('fork on Linux'); CPython 3.14 changed Linux to forkserver (gh-84559)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("default=spawn")];

    /// <summary>On Linux, CPython defaults to fork up to 3.13 and to forkserver from 3.14 (gh-84559).</summary>
    public override IReadOnlyList<VersionChange> VersionChanges =>
    [
        new(SubjectKind.Python, null, "3.14", "default=fork", "default=forkserver",
            "CPython 3.14 made forkserver the default start method on Linux (gh-84559): fork in a process with threads can deadlock the child."),
    ];

    public override string IntendedDivergence => "CPython on Linux defaults to fork (forkserver from 3.14); the engine has only spawn.";
}
