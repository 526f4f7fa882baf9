using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.StartMethods;

public sealed class ChildSeesParentStateScenario : Scenario
{
    public override string Id => "start-methods.child-sees-parent-state";
    public override string Rule => "A fork child sees state the parent set at run time; spawn and forkserver children start from a clean state and do not.";
    public override string Source => "seeds 59.5 fork ('inherits initialized data'), 59.6 spawn ('does not inherit live Python objects'), 59.7 forkserver";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("child_sees_parent_runtime_state=false")];

    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && startMethod == "fork" ? Observation.Parse("child_sees_parent_runtime_state=true") : null;
}
