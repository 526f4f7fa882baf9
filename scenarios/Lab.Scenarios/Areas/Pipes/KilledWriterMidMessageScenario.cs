using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Serialization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pipes;

/// <summary>
/// The writer dies in the middle of a frame (SIGKILL while a 64 MiB send is blocked on the full pipe). CPython's
/// reader raises OSError("got end of file during message") once the rest never comes; the engine raises
/// <see cref="ChannelFormatError"/> with the same text. CPython writes a frame over 16 KiB as two write()s (header,
/// body), and a kill between them gives a bare header, which it reports as a plain EOFError: its twin therefore
/// waits until body bytes are in the pipe. The engine reports any short frame, header-only included, the same way.
/// </summary>
public sealed class KilledWriterMidMessageScenario : Scenario
{
    public override string Id => "pipes.killed-writer-mid-message";
    public override string Rule => "A peer killed in the middle of sending a message makes the receiver fail with 'got end of file during message', not return a truncated message or block.";
    public override string Source => "seeds 59.13 Pipes, 59.21 Termination ('queues corrupted'); multiprocessing/connection.py _recv";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("error=eof_during_message")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var (reader, writer) = Pipe.Create(duplex: false);
        using var ownEnd = reader;
        var p = scope.Start(PipeTargets.AnnounceThenSendBig, [writer, PipeTargets.BigMessageBytes]);
        writer.Close();
        try
        {
            if (reader.Recv(scope.Remaining) as string != "sending") return new("unexpected", "the child's announcement was not 'sending'");
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
