using Lab.Engine;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.StartMethods;

public sealed class DefaultScenario : Scenario
{
    public override string Id => "start-methods.default";
    public override string Rule => "get_start_method() names the default start method of this runtime on this OS.";
    public override string Source => "seeds 59.4; card ('fork on Linux'); CPython 3.14 changed Linux to forkserver (gh-84559)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("default=spawn")];

    /// <summary>On Linux, CPython defaults to fork up to 3.13 and to forkserver from 3.14 (gh-84559).</summary>
    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) =>
        System.Version.TryParse(string.Join('.', pythonVersion.Split('.').Take(2)), out var v) && v >= new System.Version(3, 14)
            ? "default=forkserver" : "default=fork";

    public override string IntendedDivergence => "CPython on Linux defaults to fork (forkserver from 3.14); the engine has only spawn.";

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget) =>
        new("default=" + Multiprocessing.DefaultStartMethod.ToName());
}
