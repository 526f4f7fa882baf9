using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pipes;

/// <summary>Polls an empty pipe with zero and a negative timeout (guarded against blocking), then once after a send.</summary>
public sealed class PollTimeoutsTwin : EngineTwin
{
    public override string Id => "pipes.poll-timeouts";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
