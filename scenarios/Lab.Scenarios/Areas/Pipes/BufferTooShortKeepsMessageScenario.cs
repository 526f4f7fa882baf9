using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pipes;

public sealed class BufferTooShortKeepsMessageScenario : Scenario
{
    public override string Id => "pipes.buffer-too-short-keeps-message";
    public override string Rule => "recv_bytes_into with a buffer too small for the message raises BufferTooShort, which carries the whole message: nothing is lost.";
    public override string Source => "seeds 59.13 Pipes; CPython docs, Connection.recv_bytes_into ('the complete message is available as e.args[0]')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("error=buffer_too_short;message_kept=true")];
}
