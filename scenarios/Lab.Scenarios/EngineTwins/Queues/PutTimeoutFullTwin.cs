using System.Diagnostics;
using Lab.Engine;
using Lab.Engine.Queues;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Queues;

/// <summary>Puts with a 0.1 s timeout on a full queue (maxsize 1, one item in) and reports the error raised.</summary>
public sealed class PutTimeoutFullTwin : EngineTwin
{
    public override string Id => "queues.put-timeout-full";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var queue = new ProcessQueue(maxsize: 1);
        queue.Put(1);
        var clock = Stopwatch.StartNew();
        var (raised, how) = QueueTargets.Attempt(() => queue.Put(2, timeout: TimeSpan.FromMilliseconds(100)));
        var waited = clock.Elapsed;
        queue.Get(timeout: TimeSpan.FromSeconds(5)); // leave the pipe empty
        return new(Observe.Pairs(("raised", raised)), $"maxsize 1, one item in; Put(timeout: 0.1 s): {how} after {waited.TotalSeconds:0.000} s");
    }
}
