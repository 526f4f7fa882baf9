using Lab.Engine;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.StartMethods;

/// <summary>CPython only: the engine's child never runs the parent's entry point (it loads the target's assembly
/// and calls the target), so there is no main module to guard.</summary>
public sealed class MainGuardScenario : Scenario
{
    public override string Id => "start-methods.main-guard";
    /// <summary>The script itself ends with 0: the child is the one that fails (it re-imports the script, tries to
    /// start a process while bootstrapping, raises RuntimeError and exits 1), and the parent just joins it.</summary>
    public override string Rule => "Under spawn and forkserver, a script that starts a process at top level without the main guard makes its child fail with the 'bootstrapping phase' RuntimeError.";
    public override string Source => "seeds 59.8 The Main Module Rule";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("script_exitcode=0;bootstrap_error=true")];

    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) =>
        startMethod == "fork" ? "script_exitcode=0;bootstrap_error=false" : null;

    public override bool AppliesToEngine(StartMethod method) => false;

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget) =>
        throw new NotSupportedException("the engine never re-runs the parent's entry point in a child");
}
