using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pipes;

/// <summary>A child exits holding the only other copy of the write end; the parent's receive must raise EOF.</summary>
public sealed class EofAfterPeerCloseTwin : EngineTwin
{
    public override string Id => "pipes.eof-after-peer-close";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var (reader, writer) = Pipe.Create(duplex: false);
        using var ownEnd = reader;
        var p = scope.Start(PipeTargets.ExitSilently, [writer]);
        writer.Close();
        bool eof;
        string how;
        try
        {
            how = $"a {reader.RecvBytes(timeout: scope.Remaining).Length}-byte message";
            eof = false;
        }
        catch (EndOfStreamException e)
        {
            (eof, how) = (true, $"EndOfStreamException: {e.Message}");
        }
        catch (TimeoutException)
        {
            return Run.Hang("a message or EOF");
        }
        if (!scope.Join(p)) return Run.Hang("the silent child");
        return new(Observe.Pairs(("eof", eof)), $"child exited ({p.ExitCode}) without sending; receive gave {how}");
    }
}
