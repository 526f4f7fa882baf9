using Lab.Engine.Logging;
using Lab.Engine.Queues;
using Microsoft.Extensions.Logging;

namespace Lab.Engine.Tests.Logging;

public static class LoggingTargets
{
    /// <summary>A child that logs as applications do, through a LoggerFactory whose only provider is the queue's.
    /// Disposing the provider flushes the queue (LoggerFactory.Create does not dispose a provider given to AddProvider).</summary>
    public static void LogRecords(ProcessQueue queue, int worker, int count)
    {
        using var provider = new QueueLoggerProvider(queue);
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        var logger = factory.CreateLogger("lab.worker");
        for (var i = 0; i < count; i++) logger.LogInformation(new EventId(7, "record"), "worker {Worker} record {Index} of {Count}", worker, i, count);
    }

    public static void LogException(ProcessQueue queue)
    {
        using var provider = new QueueLoggerProvider(queue);
        var logger = provider.CreateLogger("lab.failing");
        try
        {
            throw new InvalidOperationException("the child's own failure");
        }
        catch (InvalidOperationException e)
        {
            logger.LogError(e, "task {Task} failed", "t1");
        }
    }
}
