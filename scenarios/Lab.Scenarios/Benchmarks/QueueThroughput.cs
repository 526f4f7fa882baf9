using System.Diagnostics;
using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Queues;
using Lab.Scenarios.Subjects;
using Lab.Scenarios.Support;
using Process = Lab.Engine.Process;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// queue-throughput (issue #4 §7.1; seeds 59.12): one producer process puts N small ints into a queue and the
/// parent gets them all. One producer serves the whole series, one batch per "go" (<see cref="EngineBatch"/>);
/// the clock runs from the parent's go signal to its last get, and a sample is N / elapsed in msgs/s. Every get
/// carries a timeout (all waits bounded), on the CPython side too, so both pay the same poll before the read.
/// Target: engine ≥ 4 × CPython.
/// </summary>
public static class QueueThroughput
{
    public const string Id = "queue-throughput";
    public const string Unit = "msgs/s";

    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, BenchPlan plan, IpcBenchSizes sizes)
    {
        foreach (var method in engine.StartMethods)
        {
            var samples = Measure(engine.Context(method), plan, sizes);
            yield return new BenchSeries(engine.Name, engine.Version, method, Id, Params(plan, sizes), Unit, samples);
        }
    }

    public static IEnumerable<BenchSeries> OnCpython(PythonSubject cpython, BenchPlan plan, IpcBenchSizes sizes) =>
        cpython.StartMethods.Select(m => PythonBench.Run(cpython, m, Id, plan, Batch(sizes)));

    private static List<double> Measure(ProcessContext context, BenchPlan plan, IpcBenchSizes sizes)
    {
        var messages = sizes.QueueMessages;
        var rounds = plan.Warmup + plan.Samples;
        var samples = new List<double>(plan.Samples);
        using var queue = new ProcessQueue();
        var (control, childControl) = Pipe.Create();
        using (control)
        using (var scope = new ChildScope(context, sizes.PerWait * 2 + TimeSpan.FromSeconds(rounds * 2)))
        {
            Process producer;
            using (childControl)
                producer = scope.Start(QueueThroughputTargets.Producer, [queue, childControl, messages, rounds, sizes.ChildBlockSeconds]);
            EngineBatch.AwaitReady(control, producer, sizes.PerWait, "the queue producer");
            for (var r = 0; r < rounds; r++)
            {
                var start = Stopwatch.GetTimestamp();
                control.Send(r);
                try
                {
                    for (var i = 0; i < messages; i++) queue.Get(true, sizes.PerWait);
                }
                catch (QueueEmptyError)
                {
                    throw new TimeoutException($"{Id}: no item within {sizes.PerWait.TotalSeconds:0} s in batch {r} (producer alive: {producer.IsAlive}, exit code {producer.ExitCode?.ToString() ?? "none"})");
                }
                var end = Stopwatch.GetTimestamp();
                if (r >= plan.Warmup) samples.Add(messages / EngineBatch.Seconds(start, end));
            }
            EngineBatch.Finish(producer, sizes.PerWait, "the queue producer");
        }
        return samples;
    }

    private static IReadOnlyList<(string Key, long Value)> Batch(IpcBenchSizes sizes) => [("messages", sizes.QueueMessages)];

    private static string Params(BenchPlan plan, IpcBenchSizes sizes) => BenchCatalog.Params(plan, Batch(sizes));
}
