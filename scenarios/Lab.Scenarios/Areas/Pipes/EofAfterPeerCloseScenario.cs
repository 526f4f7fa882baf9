using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pipes;

public sealed class EofAfterPeerCloseScenario : Scenario
{
    public override string Id => "pipes.eof-after-peer-close";
    public override string Rule => "When every copy of the other end is closed (the child exited without sending, the parent closed its copy), a receive raises EOF instead of blocking.";
    public override string Source => "seeds 59.13 Pipes; CPython docs, Connection.recv ('raises EOFError if there is nothing left to receive and the other end was closed')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("eof=true")];
}
