using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Serialization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pipes;

/// <summary>SIGKILLs a child in the middle of a 64 MiB send, once its first bytes are in the pipe, and reads what the receive reports.</summary>
public sealed class KilledWriterMidMessageTwin : EngineTwin
{
    public override string Id => "pipes.killed-writer-mid-message";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var (reader, writer) = Pipe.Create(duplex: false);
        using var ownEnd = reader;
        var p = scope.Start(PipeTargets.AnnounceThenSendBig, [writer, PipeTargets.BigMessageBytes]);
        writer.Close();
        try
        {
            if (reader.Recv(scope.Remaining) is var announcement && announcement as string != "sending")
                return new(Observe.Pairs(("announcement", "unexpected")), $"the child's announcement was not 'sending' but {announcement ?? "null"}");
        }
        catch (TimeoutException) { return Run.Hang("the child's announcement"); }
        catch (EndOfStreamException) { scope.Join(p); return new(Observe.Pairs(("early_exit", true), ("exitcode", p.ExitCode))); }
        if (!reader.Poll(scope.Remaining)) return Run.Hang("the big message's first bytes");
        p.Kill();
        if (!scope.Join(p)) return Run.Hang("the killed writer");
        string error, how;
        try
        {
            var got = reader.RecvBytes(timeout: scope.Remaining);
            (error, how) = (got.Length == PipeTargets.BigMessageBytes ? "message" : "truncated", $"{got.Length} bytes");
        }
        catch (ChannelFormatError e)
        {
            (error, how) = (e.Message.Contains("end of file during message", StringComparison.Ordinal) ? "eof_during_message" : "format_error", $"ChannelFormatError: {e.Message}");
        }
        catch (EndOfStreamException e)
        {
            (error, how) = ("eof", $"EndOfStreamException: {e.Message}");
        }
        catch (TimeoutException)
        {
            return Run.Hang("the rest of the message (or EOF)");
        }
        return new(Observe.Pairs(("error", error)), $"writer SIGKILLed (exit code {p.ExitCode}) while sending {PipeTargets.BigMessageBytes} bytes; receive: {how}");
    }
}
