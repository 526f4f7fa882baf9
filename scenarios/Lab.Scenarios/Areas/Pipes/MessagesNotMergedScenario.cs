using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pipes;

public sealed class MessagesNotMergedScenario : Scenario
{
    public override string Id => "pipes.messages-not-merged";
    public override string Rule => "A pipe carries whole messages: three send_bytes calls (b\"a\", b\"\", b\"bc\") arrive as three messages of sizes 1, 0 and 2, then EOF; never merged or split, and an empty message counts.";
    public override string Source => "seeds 59.13 Pipes; CPython docs, Connection.send_bytes/recv_bytes";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("messages=3;sizes=1,0,2")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
