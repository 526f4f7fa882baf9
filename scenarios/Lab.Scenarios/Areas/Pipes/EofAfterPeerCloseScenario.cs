using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pipes;

public sealed class EofAfterPeerCloseScenario : Scenario
{
    public override string Id => "pipes.eof-after-peer-close";
    public override string Rule => "When every copy of the other end is closed (the child exited without sending, the parent closed its copy), a receive raises EOF instead of blocking.";
    public override string Source => "seeds 59.13 Pipes; CPython docs, Connection.recv ('raises EOFError if there is nothing left to receive and the other end was closed')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("eof=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
