using System.Diagnostics;
using Lab.Engine;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// start-rate (issue #6 §8): the sustained rate of 50 sequential start() + join() of a no-op child, per start method;
/// sample = 50 / elapsed in starts/s. The first start with a warm forkserver is start-latency's figure (its warm-up
/// starts the server). Same clock placement on both subjects (CPython: bench.py start-rate).
/// </summary>
public static class StartRate
{
    public const string Id = "start-rate";
    public const int Starts = 50;

    /// <summary>One sample is 50 starts (3 s and more under CPython spawn): the plan is capped.</summary>
    public static BenchPlan Capped(BenchPlan plan) => new(Math.Min(plan.Samples, plan.IsQuick ? 3 : 10), Math.Min(plan.Warmup, 1));

    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, BenchPlan plan)
    {
        var capped = Capped(plan);
        foreach (var method in engine.StartMethods)
        {
            var context = engine.Context(method);
            var samples = new List<double>();
            for (var i = 0; i < capped.Warmup + capped.Samples; i++)
            {
                var start = Stopwatch.GetTimestamp();
                for (var k = 0; k < Starts; k++)
                {
                    using var p = context.Process(BenchTargets.Noop);
                    p.Start();
                    if (!p.Join(TimeSpan.FromSeconds(30))) throw new TimeoutException("a no-op engine child did not exit within 30 s");
                    if (p.ExitCode != 0) throw new InvalidOperationException($"a no-op engine child exited with {p.ExitCode}");
                }
                var elapsed = Stopwatch.GetElapsedTime(start);
                if (i >= capped.Warmup) samples.Add(Starts / elapsed.TotalSeconds);
            }
            yield return new BenchSeries(engine.Name, engine.Version, method, Id, BenchCatalog.Params(capped, [("starts", Starts)]), "starts/s", samples);
        }
    }

    public static BenchSeries OnCpython(PythonSubject cpython, string method, BenchPlan plan) =>
        PythonBench.Run(cpython, method, Id, Capped(plan), [("starts", Starts)], perRepetition: Starts * PerStart);

    /// <summary>The bound of one start + join in a Python subject's batch: spawn and forkserver starts took 0.1–0.4 s each in
    /// the matrix's containers on two cores shared by four cells, where a 2 s bound per batch of 50 ran out (sid, trixie).</summary>
    private static readonly TimeSpan PerStart = TimeSpan.FromSeconds(1);
}
