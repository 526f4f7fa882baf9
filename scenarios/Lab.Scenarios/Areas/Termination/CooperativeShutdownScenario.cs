using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Termination;

/// <summary>The engine's message is a line on a socket (Event arrives with the IPC issue); CPython's twin uses an Event.</summary>
public sealed class CooperativeShutdownScenario : Scenario
{
    public override string Id => "termination.cooperative-shutdown-runs-finally";
    public override string Rule => "Cooperative shutdown (a stop message or event, then join) lets the child run its finally blocks and exit 0.";
    public override string Source => "seeds 59.21 Termination ('Prefer cooperative shutdown')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("exitcode=0;finally_ran=true")];
}
