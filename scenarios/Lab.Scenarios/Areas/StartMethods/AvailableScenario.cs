using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.StartMethods;

public sealed class AvailableScenario : Scenario
{
    public override string Id => "start-methods.available";
    public override string Rule => "get_all_start_methods() lists the start methods this OS supports, the default first.";
    public override string Source => "seeds 59.4 Process Creation Methods; CPython docs, get_all_start_methods";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("methods=spawn,forkserver")];

    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) => "methods=fork,spawn,forkserver";

    public override string IntendedDivergence =>
        "The engine has no fork (a .NET runtime cannot run managed code after fork()); its forkserver hands out pre-started workers instead of forks (engine/Lab.Engine/ForkServer/README.md).";

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget) =>
        new("methods=" + string.Join(",", Multiprocessing.AllStartMethods.Select(m => m.ToName())));
}
