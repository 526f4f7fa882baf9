using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pipes;

/// <summary>
/// The writer dies in the middle of a frame (SIGKILL while a 64 MiB send is blocked on the full pipe). CPython's
/// reader raises OSError("got end of file during message") once the rest never comes; the engine raises
/// <c>ChannelFormatError</c> with the same text. CPython writes a frame over 16 KiB as two write()s (header,
/// body), and a kill between them gives a bare header, which it reports as a plain EOFError: its twin therefore
/// waits until body bytes are in the pipe. The engine reports any short frame, header-only included, the same way.
/// </summary>
public sealed class KilledWriterMidMessageScenario : Scenario
{
    public override string Id => "pipes.killed-writer-mid-message";
    public override string Rule => "A peer killed in the middle of sending a message makes the receiver fail with 'got end of file during message', not return a truncated message or block.";
    public override string Source => "seeds 59.13 Pipes, 59.21 Termination ('queues corrupted'); multiprocessing/connection.py _recv";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("error=eof_during_message")];
}
