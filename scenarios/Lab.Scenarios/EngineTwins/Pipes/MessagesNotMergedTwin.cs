using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pipes;

/// <summary>A child sends b"a", b"", b"bc" and exits; the parent receives messages until EOF and reports their sizes.</summary>
public sealed class MessagesNotMergedTwin : EngineTwin
{
    public override string Id => "pipes.messages-not-merged";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var (reader, writer) = Pipe.Create(duplex: false);
        using var ownEnd = reader;
        var p = scope.Start(PipeTargets.SendThree, [writer]);
        writer.Close();
        var sizes = new List<int>();
        try
        {
            while (true)
                sizes.Add(reader.RecvBytes(timeout: scope.Remaining).Length);
        }
        catch (EndOfStreamException) { }
        catch (TimeoutException) { return Run.Hang($"the next message (after {sizes.Count})"); }
        if (!scope.Join(p)) return Run.Hang("the sending child");
        return new(Observe.Pairs(("messages", sizes.Count), ("sizes", string.Join(",", sizes))),
            $"received sizes [{string.Join(", ", sizes)}], then EOF; child exit code {p.ExitCode}");
    }
}
