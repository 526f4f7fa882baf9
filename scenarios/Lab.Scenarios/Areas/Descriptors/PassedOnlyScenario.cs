using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Descriptors;

/// <summary>
/// The parent makes a pipe (a duplex <c>Pipe()</c>) and passes one end to a child: the child holds that end (the same
/// open socket, whatever its descriptor number) and not the end the parent kept.
/// </summary>
public sealed class PassedOnlyScenario : Scenario
{
    public override string Id => "descriptors.passed-only";
    public override string Rule => "A child holds the end of a pipe it was passed, and not the end its parent kept.";
    public override string Source => "seeds 59.27 File Descriptors and Handles; 59.13 Pipes";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [ScenarioCase.Single("passed_end_open=true;kept_end_open=false")];

    /// <summary>fork copies the whole descriptor table, the parent's end included (which is why a reader under fork
    /// must close the writer's end it inherited to ever see end of file: 59.13).</summary>
    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && startMethod == "fork" ? "passed_end_open=true;kept_end_open=true" : null;
}
