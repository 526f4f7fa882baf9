using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.StartMethods;

/// <summary>Python only: the engine's child never runs the parent's entry point (it loads the target's assembly
/// and calls the target), so there is no main module to guard.</summary>
public sealed class MainGuardScenario : Scenario
{
    public override string Id => "start-methods.main-guard";
    /// <summary>The script itself ends with 0: the child is the one that fails (it re-imports the script, tries to
    /// start a process while bootstrapping, raises RuntimeError and exits 1), and the parent just joins it.</summary>
    public override string Rule => "Under spawn and forkserver, a script that starts a process at top level without the main guard makes its child fail with the 'bootstrapping phase' RuntimeError.";
    public override string Source => "seeds 59.8 The Main Module Rule";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("script_exitcode=0;bootstrap_error=true")];

    public override string? WithoutTwinOn(SubjectKind kind) =>
        kind == SubjectKind.Engine
            ? "the engine never re-runs the parent's entry point in a child (it loads the target's assembly and calls the target), so there is no main module to guard"
            : null;

    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && startMethod == "fork" ? Observation.Parse("script_exitcode=0;bootstrap_error=false") : null;

    /// <summary>Where the forkserver preloads __main__, the server itself runs the unguarded script while preloading,
    /// fails with the bootstrapping error and dies, and the script's start() fails (EOFError): exit code 1.</summary>
    public override IReadOnlyList<VersionChange> VersionChanges =>
    [
        new(SubjectKind.Python, "forkserver", "3.13.8", "script_exitcode=0;bootstrap_error=true",
            "script_exitcode=1;bootstrap_error=true", "The forkserver preloads __main__ only where gh-126631 is fixed (CPython 3.13.8 and 3.14; gh-135295): before, the server looked for a 'main_path' key that spawn's preparation data had called 'init_main_from_path' since 2013, so it never imported the main script and every child imported it again."),
    ];
}
