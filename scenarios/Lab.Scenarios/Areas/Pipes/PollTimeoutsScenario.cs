using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pipes;

public sealed class PollTimeoutsScenario : Scenario
{
    public override string Id => "pipes.poll-timeouts";
    public override string Rule => "poll(0) and poll(-1) on an empty pipe return False at once (a negative timeout counts as zero); after a send, poll(0) is True.";
    public override string Source => "seeds 59.13 Pipes; CPython docs, Connection.poll([timeout]); selectors (timeout <= 0 polls)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("poll_zero=false;poll_negative=false;poll_after_send=true")];
}
