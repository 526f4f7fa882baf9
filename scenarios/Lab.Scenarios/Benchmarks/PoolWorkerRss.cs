using Lab.Engine;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// pool-worker-rss and pool-worker-peak-rss (issue #6 §8; seeds 59.29 Memory Cost): the resident set (VmRSS) and its
/// peak (VmHWM) of each worker of a 2-worker pool after a warm-up map of 1,000 trivial tasks at chunksize 1 (every
/// worker takes part), read by the parent from /proc/PID/status. One pool per repetition, one sample per worker; the
/// CPython side (bench.py) does the same with pool._pool's pids.
/// </summary>
public static class PoolWorkerRss
{
    public const string Rss = "pool-worker-rss";
    public const string PeakRss = "pool-worker-peak-rss";
    private const int Processes = 2, Tasks = 1000;

    private static readonly TimeSpan PerMap = TimeSpan.FromSeconds(60);

    /// <summary>A pool per repetition is slow to start under spawn: the plan is capped.</summary>
    private static BenchPlan Capped(BenchPlan plan) => new(Math.Min(plan.Samples, plan.IsQuick ? 3 : 10), Math.Min(plan.Warmup, 1));

    private static string Params(BenchPlan plan) => BenchCatalog.Params(Capped(plan), [("processes", Processes), ("tasks", Tasks)]);

    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, BenchPlan plan)
    {
        var capped = Capped(plan);
        foreach (var method in engine.StartMethods)
        {
            var context = engine.Context(method);
            var rss = new List<double>();
            var hwm = new List<double>();
            for (var i = 0; i < capped.Warmup + capped.Samples; i++)
            {
                using var pool = new Pool(Processes, context: context);
                pool.MapAsync<int, int>(PoolBenchTargets.Trivial, Enumerable.Range(0, Tasks), 1).Get(PerMap);
                if (i < capped.Warmup) continue;
                foreach (var pid in pool.WorkerPids)
                {
                    rss.Add(StatusKiB(pid, "VmRSS"));
                    hwm.Add(StatusKiB(pid, "VmHWM"));
                }
            }
            yield return new BenchSeries(engine.Name, engine.Version, method, Rss, Params(plan), "KiB", rss);
            yield return new BenchSeries(engine.Name, engine.Version, method, PeakRss, Params(plan), "KiB", hwm);
        }
    }

    public static IEnumerable<BenchSeries> OnCpython(PythonSubject cpython, BenchPlan plan, IReadOnlyCollection<string> wanted) =>
        cpython.StartMethods.SelectMany(m => new[] { Rss, PeakRss }.Where(wanted.Contains)
            .Select(id => PythonBench.Run(cpython, m, id, Capped(plan), [("processes", Processes), ("tasks", Tasks)])));

    /// <summary>A field of /proc/PID/status in KiB (proc(5): "VmRSS: 1234 kB").</summary>
    private static double StatusKiB(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return double.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        throw new InvalidOperationException($"no {field} in /proc/{pid}/status");
    }
}
