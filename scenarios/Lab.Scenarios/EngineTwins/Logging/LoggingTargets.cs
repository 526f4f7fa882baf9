using Lab.Engine.Logging;
using Lab.Engine.Queues;
using Microsoft.Extensions.Logging;

namespace Lab.Scenarios.EngineTwins.Logging;

/// <summary>What the Logging twins run in engine children.</summary>
public static class LoggingTargets
{
    public const string Category = "lab.worker";

    /// <summary>Logs <paramref name="count"/> records through a LoggerFactory whose provider is the queue's (disposing
    /// the factory flushes the queue).</summary>
    public static void LogRecords(ProcessQueue queue, int worker, int count)
    {
        using var factory = LoggerFactory.Create(b => b.AddProvider(new QueueLoggerProvider(queue)));
        var logger = factory.CreateLogger(Category);
        for (var i = 0; i < count; i++) logger.LogInformation("worker {Worker} record {Index}", worker, i);
    }
}
