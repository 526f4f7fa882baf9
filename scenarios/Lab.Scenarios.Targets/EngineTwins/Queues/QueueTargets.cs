using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Queues;
using Lab.Engine.Synchronization;

namespace Lab.Scenarios.EngineTwins.Queues;

/// <summary>Targets run in engine children for the queue scenarios (seeds 59.12 Queues), and the error names the
/// scenarios share with the CPython twins.</summary>
public static class QueueTargets
{
    public const int OneMiB = 1024 * 1024;
    public const int BigItemBytes = 64 * OneMiB;

    /// <summary>Puts (producer, i) for i in 0..items-1. The child exits only once its feeder has flushed them.</summary>
    [ProcessTarget]
    public static void Produce(ProcessQueue queue, int producer, int items)
    {
        for (var i = 0; i < items; i++) queue.Put(new object?[] { producer, i });
    }

    [ProcessTarget]
    public static void PutAndReturn(ProcessQueue queue, int size) => queue.Put(new byte[size]);

    /// <summary>Puts a big item, announces it once Put has returned (the feeder is writing it), and blocks until the
    /// parent SIGKILLs it.</summary>
    [ProcessTarget]
    public static void PutBigAnnounceBlock(ProcessQueue queue, Connection conn, int size)
    {
        queue.Put(new byte[size]);
        conn.Send("put");
        try { conn.Recv(TimeSpan.FromSeconds(60)); }
        catch (Exception e) when (e is TimeoutException or EndOfStreamException) { }
    }

    /// <summary>CPython's names: queue.Empty, queue.Full, ValueError "Queue ... is closed", other ValueErrors
    /// (the engine's SynchronizationError, e.g. "task_done() called too many times").</summary>
    public static (string Raised, string How) Attempt(Action call)
    {
        try
        {
            call();
            return ("none", "no error");
        }
        catch (Exception e)
        {
            var raised = e switch
            {
                QueueEmptyError => "empty",
                QueueFullError => "full",
                QueueClosedError => "closed",
                SynchronizationError => "value_error",
                QueueBrokenError => "broken",
                _ => e.GetType().Name,
            };
            return (raised, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
