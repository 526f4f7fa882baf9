using Lab.Engine;
using Lab.Engine.Logging;
using Lab.Engine.Queues;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;
using Microsoft.Extensions.Logging;

namespace Lab.Scenarios.EngineTwins.Logging;

/// <summary>Workers log through one queue; the parent's QueueLogListener forwards to a logger that keeps each record's
/// message and structured values; the twin counts whole records and checks each worker's order.</summary>
public sealed class QueueRecordsWholeTwin : EngineTwin
{
    public override string Id => "logging.queue-records-whole";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var (workers, records) = (@case.Int("workers"), @case.Int("records"));
        var received = new RecordKeeper();
        using var factory = LoggerFactory.Create(b => b.AddProvider(received));
        using var queue = new ProcessQueue();
        using var listener = new QueueLogListener(queue, factory);
        listener.Start();
        using (var scope = new ChildScope(context, budget))
        {
            var children = Enumerable.Range(0, workers).Select(w => scope.Start(LoggingTargets.LogRecords, [queue, w, records])).ToList();
            if (!children.All(scope.Join)) return Run.Hang("a logging worker");
            if (children.FirstOrDefault(c => c.ExitCode != 0) is { } failed)
                return new(Observe.Pairs(("worker_exitcode", failed.ExitCode)), $"worker pid {failed.Pid} failed");
        }
        if (!listener.Stop(budget)) return Run.Hang("the listener after the workers");
        var mine = received.Records.Where(r => r.Category == LoggingTargets.Category).ToList();
        var whole = mine.Count(r => r.Worker is int w && r.Index is int i && r.Message == $"worker {w} record {i}");
        var inOrder = Enumerable.Range(0, workers).All(w =>
            mine.Where(r => r.Worker as int? == w).Select(r => r.Index as int?).SequenceEqual(Enumerable.Range(0, records).Select(i => (int?)i)));
        return new(Observe.Pairs(("records", mine.Count), ("whole", whole), ("per_worker_order", inOrder)),
            $"{mine.Count} records forwarded, {listener.Rejected} rejected");
    }
}
