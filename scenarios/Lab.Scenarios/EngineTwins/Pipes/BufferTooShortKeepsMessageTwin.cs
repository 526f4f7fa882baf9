using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pipes;

/// <summary>Sends a message longer than a 4-byte buffer and checks that BufferTooShortError carries all of it.</summary>
public sealed class BufferTooShortKeepsMessageTwin : EngineTwin
{
    public override string Id => "pipes.buffer-too-short-keeps-message";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
