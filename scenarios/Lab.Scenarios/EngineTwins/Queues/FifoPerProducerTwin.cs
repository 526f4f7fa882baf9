using System.Collections;
using Lab.Engine;
using Lab.Engine.Queues;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Queues;

/// <summary>Several producer children put numbered items on one queue; the parent drains it and checks delivery and per-producer order.</summary>
public sealed class FifoPerProducerTwin : EngineTwin
{
    public override string Id => "queues.fifo-per-producer";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var producers = @case.Int("producers");
        var items = @case.Int("items");
        using var scope = new ChildScope(context, budget);
        using var queue = new ProcessQueue();
        var children = Enumerable.Range(0, producers).Select(n => scope.Start(QueueTargets.Produce, [queue, n, items])).ToList();
        var got = new List<(int Producer, int I)>();
        // Drain before joining: a producer exits only once its feeder has flushed (queues.join-deadlock-hazard).
        for (var k = 0; k < producers * items; k++)
        {
            try
            {
                var item = (IList)queue.Get(timeout: scope.Remaining)!;
                got.Add((Convert.ToInt32(item[0]), Convert.ToInt32(item[1])));
            }
            catch (QueueEmptyError)
            {
                return Run.Hang($"item {k + 1} of {producers * items}");
            }
        }
        foreach (var p in children)
            if (!scope.Join(p)) return Run.Hang("a producer");
        var expected = Enumerable.Range(0, producers).SelectMany(n => Enumerable.Range(0, items).Select(i => (n, i))).ToList();
        var deliveredAll = got.Order().SequenceEqual(expected);
        var fifo = Enumerable.Range(0, producers).All(n => got.Where(g => g.Producer == n).Select(g => g.I).SequenceEqual(Enumerable.Range(0, items)));
        return new(Observe.Pairs(("delivered_all", deliveredAll), ("fifo_per_producer", fifo)),
            $"{producers} producers x {items} items, {got.Count} received; producer exit codes {string.Join(", ", children.Select(c => c.ExitCode))}");
    }
}
