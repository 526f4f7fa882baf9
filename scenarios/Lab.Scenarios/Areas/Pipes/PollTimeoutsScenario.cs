using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pipes;

public sealed class PollTimeoutsScenario : Scenario
{
    public override string Id => "pipes.poll-timeouts";
    public override string Rule => "poll(0) and poll(-1) on an empty pipe return False at once (a negative timeout counts as zero); after a send, poll(0) is True.";
    public override string Source => "seeds 59.13 Pipes; CPython docs, Connection.poll([timeout]); selectors (timeout <= 0 polls)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("poll_zero=false;poll_negative=false;poll_after_send=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var (reader, writer) = Pipe.Create(duplex: false);
        using (reader)
        using (writer)
        {
            var zero = reader.Poll(TimeSpan.Zero);
            // Guarded: a negative timeout taken as "forever" must show up as an observation, not hang the suite.
            var negative = Task.Run(() => reader.Poll(TimeSpan.FromSeconds(-1)));
            if (!negative.Wait(TimeSpan.FromSeconds(5)))
            {
                writer.Send("unblock");
                negative.Wait(TimeSpan.FromSeconds(5));
                return new(Observe.Pairs(("poll_zero", zero), ("poll_negative", "blocked"), ("poll_after_send", null)), "Poll(-1 s) blocked for 5 s");
            }
            writer.Send("x");
            var after = reader.Poll(TimeSpan.Zero);
            return new(Observe.Pairs(("poll_zero", zero), ("poll_negative", negative.Result), ("poll_after_send", after)),
                $"empty pipe: Poll(0) {zero}, Poll(-1 s) {negative.Result}; after one send: Poll(0) {after}");
        }
    }
}
