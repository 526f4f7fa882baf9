using System.Diagnostics;
using Lab.Engine;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// Start→join latency of a no-op target, and the child's peak resident memory. Both subjects are measured the
/// same way: the clock spans exactly start() + join() in the parent, after discarded warm-up runs (the
/// CPython side is scenarios/cpython/bench.py). Peak memory is VmHWM on both sides, the peak resident set of
/// the child's own address space, reported by the child as its target ends (ru_maxrss would carry the
/// parent's peak into a posix_spawn'd or vfork'd child; see Process.PeakResidentKiB).
/// <para>
/// Each sample is a first start from a warm state (issue #6 §8: "the first start with a warm forkserver"; the sustained
/// rate is start-rate): the engine's forkserver is first given time, outside the clock, to refill its stock of
/// pre-started workers (ForkServer.WaitUntilStocked). A CPython forkserver has no stock: each start forks from the
/// warm server.
/// </para>
/// </summary>
public static class StartLatency
{
    public const string Latency = "start-latency";
    public const string PeakRss = "child-peak-rss";

    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, BenchPlan plan)
    {
        foreach (var method in engine.StartMethods)
        {
            var context = engine.Context(method);
            var latency = new List<double>();
            var rss = new List<double>();
            for (var i = 0; i < plan.Warmup + plan.Samples; i++)
            {
                if (context.StartMethod == StartMethod.ForkServer && !ForkServer.WaitUntilStocked(TimeSpan.FromSeconds(60), engine.Worker))
                    throw new TimeoutException("the engine's forkserver did not refill its stock of workers within 60 s");
                using var p = context.Process(BenchTargets.Noop);
                var clock = Stopwatch.StartNew();
                p.Start();
                if (!p.Join(TimeSpan.FromSeconds(30)))
                    throw new TimeoutException("a no-op engine child did not exit within 30 s");
                clock.Stop();
                if (p.ExitCode != 0) throw new InvalidOperationException($"a no-op engine child exited with {p.ExitCode}");
                if (i < plan.Warmup) continue;
                latency.Add(clock.Elapsed.TotalMilliseconds);
                rss.Add(p.PeakResidentKiB ?? 0);
            }
            yield return new BenchSeries(engine.Name, engine.Version, method, Latency, plan.Params, "ms", latency);
            yield return new BenchSeries(engine.Name, engine.Version, method, PeakRss, plan.Params, "KiB", rss);
        }
    }

    public static IEnumerable<BenchSeries> OnCpython(PythonSubject cpython, BenchPlan plan)
    {
        foreach (var method in cpython.StartMethods)
            foreach (var benchmark in new[] { Latency, PeakRss })
            {
                var answer = cpython.Driver.Call(TimeSpan.FromSeconds(60 + plan.Samples * 2),
                    "bench", benchmark, "--method", method, "--n", plan.Samples.ToString(), "--warmup", plan.Warmup.ToString());
                if (answer is not { } a) throw new TimeoutException($"the CPython {benchmark} benchmark under {method} did not finish");
                if (!a.GetProperty("ok").GetBoolean()) throw new InvalidOperationException($"the CPython driver failed: {a.GetProperty("error").GetString()}");
                var samples = a.GetProperty("samples").EnumerateArray().Select(x => x.GetDouble()).ToArray();
                yield return new BenchSeries(cpython.Name, cpython.Version, method, benchmark, plan.Params, a.GetProperty("unit").GetString()!, samples);
            }
    }
}
