using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Queues;

namespace Lab.Scenarios.Benchmarks;

/// <summary>The producer child of queue-throughput (<see cref="EngineBatch"/>'s protocol).</summary>
public static class QueueThroughputTargets
{
    /// <summary>The producer: says ready, puts <paramref name="messages"/> ints per go, then flushes its feeder.</summary>
    [ProcessTarget]
    public static void Producer(ProcessQueue queue, Connection control, int messages, int rounds, double blockSeconds)
    {
        control.Send(EngineBatch.Ready);
        for (var r = 0; r < rounds; r++)
        {
            EngineBatch.AwaitGo(control, blockSeconds);
            for (var i = 0; i < messages; i++) queue.Put(i);
        }
        queue.Close();
        if (!queue.JoinThread(TimeSpan.FromSeconds(blockSeconds))) throw new TimeoutException("the queue's feeder did not flush in time");
    }
}
