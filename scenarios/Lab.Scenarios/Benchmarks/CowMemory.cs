using Lab.Engine;
using Lab.Engine.SharedMemory;
using Lab.Scenarios.Subjects;
using Lab.Scenarios.Support;
using Process = Lab.Engine.Process;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// cow-memory (seeds 59.29 "Memory Cost"): what a child that reads a large parent structure (64 MiB of bytes) costs in
/// memory, read by the parent from /proc/PID/smaps_rollup (proc(5)) once the child has read one byte of every page and
/// waits: <c>rss</c> (every resident page, shared ones included), <c>pss</c> (shared pages divided among the processes that
/// map them) and <c>uss</c> (Private_Clean + Private_Dirty: what the child alone holds). <c>mode=argument</c>: the bytes
/// are the child's argument (the engine sends them through the channel; CPython pickles them under spawn and forkserver,
/// while under fork the child inherits the parent's pages copy-on-write); <c>mode=shared-memory</c>: the child attaches a
/// shared memory block holding them by name. One child per sample; samples are capped (a child per sample is slow under
/// spawn). The CPython side is bench.py's cow-memory, a sweep that answers every mode and measure in one run.
/// </summary>
public static class CowMemory
{
    public const string Id = "cow-memory";
    public const string Unit = "KiB";
    public const string Argument = "argument", SharedMemory = "shared-memory";
    public const int MiB = 64;

    /// <summary>The measures, in row order, and their smaps_rollup fields (summed).</summary>
    public static IReadOnlyList<(string Measure, string[] Fields)> Measures { get; } =
        [("rss", ["Rss"]), ("pss", ["Pss"]), ("uss", ["Private_Clean", "Private_Dirty"])];

    private static readonly TimeSpan PerWait = TimeSpan.FromSeconds(60);
    private const double ChildBlockSeconds = 60;

    public static BenchPlan Capped(BenchPlan plan) => new(Math.Min(plan.Samples, plan.IsQuick ? 2 : 5), 0);

    public static string Params(BenchPlan plan, string mode, string measure) =>
        Lab.Results.RowParams.Merge(Capped(plan).Params, Lab.Results.RowParams.Of(("mib", MiB), ("mode", mode), ("measure", measure)));

    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, BenchPlan plan) => OnEngine(engine, plan, MiB);

    /// <param name="mib">The structure's size (the tests' is small; the rows always say <see cref="MiB"/>).</param>
    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, BenchPlan plan, int mib)
    {
        var capped = Capped(plan);
        var size = mib * 1024 * 1024;
        var data = EngineBatch.Pattern(size);
        foreach (var method in engine.StartMethods)
        {
            var context = engine.Context(method);
            var rows = new List<BenchSeries>();
            rows.AddRange(Series(engine, method, plan, Argument, Measure(context, capped, (Delegate)CowMemoryTargets.ReadArgument, data)));
            var block = new SharedMemoryBlock(create: true, size: size);
            try
            {
                data.AsSpan().CopyTo(block.Span);
                rows.AddRange(Series(engine, method, plan, SharedMemory, Measure(context, capped, (Delegate)CowMemoryTargets.ReadShared, block.Name)));
            }
            finally
            {
                block.Close();
                block.Unlink();
            }
            foreach (var row in rows) yield return row;
        }
    }

    public static IEnumerable<BenchSeries> OnCpython(PythonSubject cpython, BenchPlan plan)
    {
        var capped = Capped(plan);
        foreach (var method in cpython.StartMethods)
            foreach (var (point, unit, samples) in PythonBench.RunSweep(cpython, method, Id, capped, new Dictionary<string, object> { ["mib"] = MiB }, 2, TimeSpan.FromSeconds(30)))
                yield return new BenchSeries(cpython.Name, cpython.Version, method, Id,
                    Params(plan, point.GetProperty("mode").GetString()!, point.GetProperty("measure").GetString()!), unit, samples);
    }

    private static IEnumerable<BenchSeries> Series(EngineSubject engine, string method, BenchPlan plan, string mode, List<double>[] figures) =>
        Measures.Select((m, k) => new BenchSeries(engine.Name, engine.Version, method, Id, Params(plan, mode, m.Measure), Unit, figures[k]));

    /// <summary>One child per sample: start, wait until it has read every page, read its smaps_rollup, let it exit.</summary>
    private static List<double>[] Measure(ProcessContext context, BenchPlan capped, Delegate reader, object argument)
    {
        var figures = Measures.Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < capped.Samples; i++)
        {
            using var scope = new ChildScope(context, PerWait * 2);
            var (child, control) = scope.StartConnected(reader, argument, ChildBlockSeconds);
            if (!control.Poll(PerWait)) throw new TimeoutException($"{Id}: the reader (pid {child.Pid}) did not finish reading within {PerWait.TotalSeconds:0} s (alive: {child.IsAlive})");
            control.Recv();
            var rollup = SmapsRollup(child.Pid ?? throw new InvalidOperationException($"{Id}: the reader has no pid"));
            for (var k = 0; k < Measures.Count; k++) figures[k].Add(Measures[k].Fields.Sum(f => rollup[f]));
            control.Send("go");
            EngineBatch.Finish(child, PerWait, $"the {Id} reader");
        }
        return figures;
    }

    /// <summary>The kB fields of /proc/PID/smaps_rollup (Linux 4.14+): "Rss:  1234 kB".</summary>
    private static Dictionary<string, double> SmapsRollup(int pid)
    {
        var fields = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || !line.EndsWith(" kB", StringComparison.Ordinal)) continue;
            fields[line[..colon]] = double.Parse(line[(colon + 1)..^3].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return fields;
    }
}
