using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Descriptors;

/// <summary>
/// An open file passed to a child as an argument. Under spawn and forkserver it must be serialized, and an open file
/// cannot be (a descriptor means nothing in another process unless it is passed as one): start() refuses it in the
/// parent. Under fork nothing is serialized: the child has the parent's file object and descriptor, and what it writes
/// lands in the parent's file through the shared open file description. Either way the file must be reopened in the
/// child to be its own: the pool initializer's job (descriptors.initializer-reopens).
/// </summary>
public sealed class OpenFileArgumentScenario : Scenario
{
    public override string Id => "descriptors.open-file-argument";
    public override string Rule => "An open file passed as a child's argument is refused at start() wherever arguments are serialized; it is shared with the child under fork.";
    public override string Source => "seeds 59.27 File Descriptors and Handles ('others must be reopened in the child'); 59.9 Pickling and Process Boundaries";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("refused=true")];

    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && startMethod == "fork" ? "refused=false;child_wrote=true" : null;
}
