using Lab.Engine.Queues;

namespace Lab.Engine.Tests.Queues;

public static class QueueTargets
{
    public static void Produce(ProcessQueue queue, int producer, int count)
    {
        for (var i = 0; i < count; i++) queue.Put(new object?[] { producer, i });
    }

    /// <summary>Gets until a null sentinel, then reports everything it got on the results queue.</summary>
    public static void Consume(ProcessQueue work, ProcessQueue results)
    {
        var got = new List<object?>();
        while (work.Get(timeout: Limits.Join) is { } item) got.Add(item);
        results.Put(got);
    }

    public static void WorkAndMarkDone(JoinableQueue queue, int count)
    {
        for (var i = 0; i < count; i++)
        {
            queue.Get(timeout: Limits.Join);
            queue.TaskDone();
        }
    }

    public static void PutLarge(ProcessQueue queue, int bytes) => queue.Put(new byte[bytes]);

    public static void PutLargeAndCancelJoin(ProcessQueue queue, int bytes)
    {
        queue.CancelJoinThread();
        queue.Put(new byte[bytes]);
    }

    public static void SimplePut(SimpleQueue queue, string text) => queue.Put(text);
}
