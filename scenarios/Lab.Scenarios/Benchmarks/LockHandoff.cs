using System.Diagnostics;
using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Subjects;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// lock-handoff (issue #4 §7.5; seeds 59.14), report only: two processes take strict turns over two semaphores
/// that both start at 0, the same scheme on both subjects. The parent releases ping and acquires pong; the child
/// acquires ping and releases pong. A round is two hand-offs (parent → child → parent); a sample times R rounds
/// and is elapsed / (2 R) in ns. The child releases pong once when it is ready, so its start-up is outside every
/// sample. Two semaphores rather than a lock + event: each side blocks on exactly one wait per hand-off, and
/// CPython's Event is a Condition over a Lock (several semaphore operations per set/wait), which would time
/// CPython's Event implementation rather than the hand-off.
/// </summary>
public static class LockHandoff
{
    public const string Id = "lock-handoff";
    public const string Unit = "ns";

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
        var rounds = sizes.HandoffRounds;
        var batches = plan.Warmup + plan.Samples;
        var samples = new List<double>(plan.Samples);
        using var ping = new ProcessSemaphore(0);
        using var pong = new ProcessSemaphore(0);
        using (var scope = new ChildScope(context, sizes.PerWait * 2 + TimeSpan.FromSeconds(batches * 2)))
        {
            var partner = scope.Start(LockHandoffTargets.Partner, [ping, pong, checked(batches * rounds), sizes.ChildBlockSeconds]);
            if (!pong.Acquire(true, sizes.PerWait))
                throw new TimeoutException($"{Id}: the partner (pid {partner.Pid}, alive: {partner.IsAlive}) never said ready");
            for (var b = 0; b < batches; b++)
            {
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < rounds; i++)
                {
                    ping.Release();
                    if (!pong.Acquire(true, sizes.PerWait))
                        throw new TimeoutException($"{Id}: no hand-off back within {sizes.PerWait.TotalSeconds:0} s in batch {b} (partner alive: {partner.IsAlive})");
                }
                var end = Stopwatch.GetTimestamp();
                if (b >= plan.Warmup) samples.Add(EngineBatch.Seconds(start, end) * 1e9 / (2.0 * rounds));
            }
            EngineBatch.Finish(partner, sizes.PerWait, "the lock-handoff partner");
        }
        return samples;
    }

    private static IReadOnlyList<(string Key, long Value)> Batch(IpcBenchSizes sizes) => [("rounds", sizes.HandoffRounds)];

    private static string Params(BenchPlan plan, IpcBenchSizes sizes) => BenchCatalog.Params(plan, Batch(sizes));
}
