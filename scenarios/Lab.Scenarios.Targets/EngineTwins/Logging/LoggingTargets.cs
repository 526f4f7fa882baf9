using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Logging;
using Lab.Engine.Queues;
using Lab.Engine.Synchronization;
using Microsoft.Extensions.Logging;

namespace Lab.Scenarios.EngineTwins.Logging;

/// <summary>What the Logging twins run in engine children.</summary>
public static class LoggingTargets
{
    public const string Category = "lab.worker";

    /// <summary>Logs <paramref name="count"/> records through a LoggerFactory whose provider is the queue's (disposing the
    /// provider flushes the queue; LoggerFactory.Create does not dispose a provider given to AddProvider).</summary>
    [ProcessTarget]
    public static void LogRecords(ProcessQueue queue, int worker, int count)
    {
        using var provider = new QueueLoggerProvider(queue);
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider));
        var logger = factory.CreateLogger(Category);
        for (var i = 0; i < count; i++) logger.LogInformation("worker {Worker} record {Index}", worker, i);
    }

    /// <summary>The victim's number in its records (logging.killed-mid-record).</summary>
    public const int Victim = -1;

    /// <summary>The index of the victim's first, small record.</summary>
    public const int MarkerIndex = -1;

    /// <summary>How many large records the victim logs.</summary>
    public const int VictimLarge = 4;

    /// <summary>What the victim's record <paramref name="index"/> carries after "worker -1 record i: ".</summary>
    public static string VictimPayload(int index, int size) => index == MarkerIndex ? "victim started" : new string('x', size);

    /// <summary>Logs records 0..records-1, waits for <paramref name="go"/>, logs records..2*records-1; disposing the
    /// factory flushes. A log call on a broken queue throws QueueBrokenError, and the target with it.</summary>
    [ProcessTarget]
    public static void LogHalvesAroundKill(ProcessQueue queue, int worker, int records, ProcessEvent go, int seconds)
    {
        using var factory = LoggerFactory.Create(b => b.AddProvider(new QueueLoggerProvider(queue)));
        var logger = factory.CreateLogger(Category);
        for (var i = 0; i < records; i++) logger.LogInformation("worker {Worker} record {Index}", worker, i);
        if (!go.Wait(TimeSpan.FromSeconds(seconds))) return;
        for (var i = records; i < 2 * records; i++) logger.LogInformation("worker {Worker} record {Index}", worker, i);
    }

    /// <summary>The victim: a marker, then large records. between-records: flushes (the feeder wrote everything and
    /// ended), says "idle" and blocks; mid-write: blocks at once, its feeder writing the first large record into a pipe
    /// nobody reads.</summary>
    [ProcessTarget]
    public static void LogLargeThenBlock(ProcessQueue queue, string kill, int size, Connection conn)
    {
        // A provider given to AddProvider is not disposed with the factory (Microsoft.Extensions.Logging disposes only the
        // providers it created), so the victim disposes its own: that is the flush.
        var provider = new QueueLoggerProvider(queue);
        var logger = LoggerFactory.Create(b => b.AddProvider(provider)).CreateLogger(Category);
        Log(logger, MarkerIndex, size);
        for (var i = 0; i < VictimLarge; i++) Log(logger, i, size);
        if (kill == "between-records")
        {
            provider.Dispose();
            conn.Send("idle");
        }
        conn.Recv();
    }

    private static void Log(ILogger logger, int index, int size) =>
        logger.LogInformation("worker {Worker} record {Index}: {Payload}", Victim, index, VictimPayload(index, size));
}
