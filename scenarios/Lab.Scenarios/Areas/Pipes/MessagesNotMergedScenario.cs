using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pipes;

public sealed class MessagesNotMergedScenario : Scenario
{
    public override string Id => "pipes.messages-not-merged";
    public override string Rule => "A pipe carries whole messages: three send_bytes calls (b\"a\", b\"\", b\"bc\") arrive as three messages of sizes 1, 0 and 2, then EOF; never merged or split, and an empty message counts.";
    public override string Source => "seeds 59.13 Pipes; CPython docs, Connection.send_bytes/recv_bytes";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("messages=3;sizes=1,0,2")];
}
