using Lab.Engine.Queues;
using Lab.Systematic.Runtime;

namespace Lab.Systematic.Engine;

/// <summary>
/// A ProcessQueue whose feeder thread is a controlled operation (issue #5 §2): the first Put starts it
/// (<c>IEngineScheduler.TryStartThread</c>), its buffer's not-empty wait and pulses are controlled monitor waits, and
/// Close plus JoinThread join it as a controlled operation. The pipe itself is not modelled: a write of a small message
/// completes inside the feeder's step (far below the pipe's 64 KiB capacity), and the consumer reads without blocking
/// (<c>Get(block: false)</c>, which polls the non-blocking pipe once) and yields when it is empty, so no operation ever
/// blocks outside the seam. Close is called after the consumer is done: it closes the reader of this process, which the
/// consumer shares.
/// </summary>
internal static class QueueFeederProgram
{
    public static void PutGetCloseJoin(ControlledRuntime rt)
    {
        var queue = new ProcessQueue();
        try
        {
            var received = new List<int>();
            void Producer()
            {
                queue.Put(1);
                queue.Put(2);
            }
            void Consumer()
            {
                while (received.Count < 2)
                {
                    try
                    {
                        received.Add((int)queue.Get(block: false)!);
                    }
                    catch (QueueEmptyError)
                    {
                        rt.Yield();
                    }
                }
            }
            var producer = rt.Spawn(Producer, "producer");
            var consumer = rt.Spawn(Consumer, "consumer");
            consumer.Join();
            producer.Join();
            rt.Assert(received.SequenceEqual([1, 2]), $"the consumer got [{string.Join(", ", received)}], expected [1, 2] in order");
            queue.Close();
            rt.Assert(queue.JoinThread(), "the feeder did not end after Close with an empty buffer");
        }
        finally
        {
            queue.Dispose();
        }
    }
}
