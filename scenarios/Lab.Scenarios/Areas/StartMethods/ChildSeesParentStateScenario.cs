using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.StartMethods;

public sealed class ChildSeesParentStateScenario : Scenario
{
    public override string Id => "start-methods.child-sees-parent-state";
    public override string Rule => "A fork child sees state the parent set at run time; spawn and forkserver children start from a clean state and do not.";
    public override string Source => "seeds 59.5 fork ('inherits initialized data'), 59.6 spawn ('does not inherit live Python objects'), 59.7 forkserver";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("child_sees_parent_runtime_state=false")];

    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) =>
        startMethod == "fork" ? "child_sees_parent_runtime_state=true" : null;

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var before = StartMethodTargets.State;
        StartMethodTargets.State = StartMethodTargets.RuntimeValue;
        try
        {
            using var scope = new ChildScope(context, budget);
            var p = Run.ToEnd(scope, StartMethodTargets.ReportState);
            return p is null ? Run.Hang("the child")
                : p.ExitCode is 10 or 20 ? new(Observe.Pairs(("child_sees_parent_runtime_state", p.ExitCode == 10)))
                : new($"child_exitcode={p.ExitCode}", "the child could not read the state");
        }
        finally
        {
            StartMethodTargets.State = before;
        }
    }
}
