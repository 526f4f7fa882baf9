using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.StartMethods;

/// <summary>The main-module rule (seeds 59.8) on a script, or an application, that starts a child of itself without its
/// guard (with it: <see cref="MainGuardGuardedScenario"/>). The engine's side (issue #11 §2) is an application that is its own worker (the lab's AOT worker host,
/// on the engine-aot subject): before its guard (Multiprocessing.RunIfChild) a child of it refuses to start processes with
/// CPython's "bootstrapping phase" error. The JIT worker never runs an application's Main (no twin on "engine").</summary>
public sealed class MainGuardScenario : Scenario
{
    public override string Id => "start-methods.main-guard";
    /// <summary>The script itself ends with 0: the child is the one that fails (it re-imports the script, tries to
    /// start a process while bootstrapping, raises RuntimeError and exits 1), and the parent just joins it.</summary>
    public override string Rule => "Under spawn and forkserver, a script that starts a process at top level without the main guard makes its child fail with the 'bootstrapping phase' RuntimeError.";
    public override string Source => "seeds 59.8 The Main Module Rule";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("script_exitcode=0;bootstrap_error=true")];

    /// <summary>Under fork nothing is re-imported. The engine's forkserver is its application too (the server re-executes
    /// the binary): an unguarded one refuses to start, and the application's first start fails (exit 1), which is what
    /// CPython 3.13.8 and later do (the version change below).</summary>
    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && startMethod == "fork" ? Observation.Parse("script_exitcode=0;bootstrap_error=false")
        : kind == SubjectKind.Engine && startMethod == "forkserver" ? Observation.Parse("script_exitcode=1;bootstrap_error=true")
        : null;

    public override string? IntendedDivergence =>
        "The engine's forkserver is a process of the application itself (as CPython 3.13.8 and later, which preload __main__ in the server): an unguarded application's server refuses to start, so the application's first start fails (exit 1), where CPython 3.11's server never imports the script and only its children fail.";

    /// <summary>Where the forkserver preloads __main__, the server itself runs the unguarded script while preloading,
    /// fails with the bootstrapping error and dies, and the script's start() fails (EOFError): exit code 1.</summary>
    public override IReadOnlyList<VersionChange> VersionChanges =>
    [
        new(SubjectKind.Python, "forkserver", "3.13.8", "script_exitcode=0;bootstrap_error=true",
            "script_exitcode=1;bootstrap_error=true", "The forkserver preloads __main__ only where gh-126631 is fixed (CPython 3.13.8 and 3.14; gh-135295): before, the server looked for a 'main_path' key that spawn's preparation data had called 'init_main_from_path' since 2013, so it never imported the main script and every child imported it again."),
    ];
}
