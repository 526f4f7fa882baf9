using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pickling;

public sealed class UnserializableArgumentScenario : Scenario
{
    public override string Id => "pickling.unserializable-argument-refused";
    public override string Rule => "An argument that cannot be serialized is refused in the parent at start(), with a clear error and no child started.";
    public override string Source => "seeds 59.9 Pickling and Process Boundaries ('arguments must be picklable')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("refused=true")];

    /// <summary>fork does not pickle the arguments: the child simply has them.</summary>
    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && startMethod == "fork" ? (Observation)"refused=false;exitcode=0" : null;
}
