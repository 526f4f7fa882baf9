using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.StartMethods;

public sealed class ForkRefusedScenario : Scenario
{
    public override string Id => "start-methods.fork-refused";
    public override string Rule => "Asking the engine for the fork start method fails at once with an error that says why and names spawn and forkserver.";
    public override string Source => "DESIGN.md, 'Why the engine has no fork'; seeds 59.5 fork ('unsafe after threads have started')";

    public override string? WithoutTwinOn(SubjectKind kind) =>
        kind == SubjectKind.Python ? "engine-only scenario: Python has the fork start method; only the engine refuses it" : null;

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("refused=true;names_alternatives=true")];
}
