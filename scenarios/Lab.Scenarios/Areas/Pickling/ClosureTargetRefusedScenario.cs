using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pickling;

public sealed class ClosureTargetRefusedScenario : Scenario
{
    public override string Id => "pickling.closure-target-refused";
    public override string Rule => "A lambda or closure cannot be a target under spawn/forkserver: it is refused in the parent at start(), before any child runs.";
    public override string Source => "seeds 59.9 Pickling and Process Boundaries; card, Common trap";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("refused=true")];

    /// <summary>fork does not pickle the target: the child simply has it.</summary>
    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && startMethod == "fork" ? (Observation)"refused=false;exitcode=0" : null;
}
