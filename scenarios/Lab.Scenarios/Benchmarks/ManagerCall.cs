using System.Diagnostics;
using Lab.Engine;
using Lab.Engine.Managers;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// manager-call (seeds 59.18), report only: the latency of one proxy method call, a round trip to the manager's
/// process. The parent appends small ints to a managed list through its proxy; a sample times C calls and is
/// elapsed / C in µs. The manager (started with the start method measured) and the proxy's connection are made
/// before the first sample, so neither start-up nor the handshake is inside one. The same scheme on both subjects
/// (scenarios/cpython/bench.py, manager-call).
/// </summary>
public static class ManagerCall
{
    public const string Id = "manager-call";
    public const string Unit = "us";
    public const int Calls = 2_000;

    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, BenchPlan plan)
    {
        foreach (var method in engine.StartMethods)
        {
            var samples = Measure(engine.Context(method), plan);
            yield return new BenchSeries(engine.Name, engine.Version, method, Id, BenchCatalog.Params(plan, Batch), Unit, samples);
        }
    }

    public static IEnumerable<BenchSeries> OnCpython(PythonSubject cpython, BenchPlan plan) =>
        cpython.StartMethods.Select(m => PythonBench.Run(cpython, m, Id, plan, Batch));

    private static readonly IReadOnlyList<(string Key, long Value)> Batch = [("calls", Calls)];

    private static List<double> Measure(ProcessContext context, BenchPlan plan)
    {
        var samples = new List<double>(plan.Samples);
        using var manager = Manager.StartNew(context: context);
        using var list = manager.List();
        list.Append(-1);
        for (var b = 0; b < plan.Warmup + plan.Samples; b++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < Calls; i++) list.Append(i);
            var end = Stopwatch.GetTimestamp();
            if (b >= plan.Warmup) samples.Add(EngineBatch.Seconds(start, end) * 1e6 / Calls);
        }
        return samples;
    }
}
