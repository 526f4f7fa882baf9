using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pipes;

public sealed class BufferTooShortKeepsMessageScenario : Scenario
{
    public override string Id => "pipes.buffer-too-short-keeps-message";
    public override string Rule => "recv_bytes_into with a buffer too small for the message raises BufferTooShort, which carries the whole message: nothing is lost.";
    public override string Source => "seeds 59.13 Pipes; CPython docs, Connection.recv_bytes_into ('the complete message is available as e.args[0]')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("error=buffer_too_short;message_kept=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var message = "a message longer than the buffer"u8.ToArray();
        var (reader, writer) = Pipe.Create(duplex: false);
        using (reader)
        using (writer)
        {
            writer.SendBytes(message);
            try
            {
                var n = reader.RecvBytesInto(new byte[4], timeout: budget);
                return new(Observe.Pairs(("error", "none"), ("message_kept", false)), $"RecvBytesInto returned {n}");
            }
            catch (BufferTooShortError e)
            {
                return new(Observe.Pairs(("error", "buffer_too_short"), ("message_kept", e.MessageBytes.AsSpan().SequenceEqual(message))),
                    $"sent {message.Length} bytes; BufferTooShortError with {e.MessageBytes.Length} bytes");
            }
        }
    }
}
