using System.Diagnostics;
using Lab.Engine.SharedMemory;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// shm-copy and memcpy-baseline (issue #4 §7.4; seeds 59.15): one bulk copy of the same bytes (64 MiB by default)
/// into a SharedMemoryBlock's Span, and into a plain in-process byte[]. A Stopwatch loop, not BenchmarkDotNet: one
/// copy takes milliseconds, far above the timer's resolution, and this is how the CPython side measures it
/// (<c>shm.buf[:size] = data</c> against bytearray slice assignment, both one memcpy). Warm-up copies also fault
/// the destination's pages in, so samples time copies into mapped memory. A sample is bytes / elapsed in GB/s
/// (10^9 bytes). When both are measured, their copies alternate (see <see cref="Measure"/>). Target: shm-copy ≥ 80 %
/// of memcpy-baseline.
/// </summary>
public static class SharedMemoryCopy
{
    public const string ShmId = "shm-copy";
    public const string MemcpyId = "memcpy-baseline";
    public const string Unit = "GB/s";

    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, BenchPlan plan, IpcBenchSizes sizes, IReadOnlySet<string> ids)
    {
        var lanes = new[] { ShmId, MemcpyId }.Where(ids.Contains).ToArray();
        if (lanes.Length == 0) yield break;
        // In process: the start method changes nothing here; a series per method keeps the table uniform.
        foreach (var method in engine.StartMethods)
        {
            var samples = Measure(plan, sizes, lanes);
            for (var i = 0; i < lanes.Length; i++)
                yield return new BenchSeries(engine.Name, engine.Version, method, lanes[i], Params(plan, sizes), Unit, samples[i]);
        }
    }

    public static IEnumerable<BenchSeries> OnCpython(PythonSubject cpython, BenchPlan plan, IpcBenchSizes sizes, IReadOnlySet<string> ids) =>
        cpython.StartMethods.SelectMany(m => new[] { ShmId, MemcpyId }.Where(ids.Contains).Select(id => PythonBench.Run(cpython, m, id, plan, Batch(sizes))));

    /// <summary>
    /// One list of GB/s samples per id in <paramref name="ids"/> (shm-copy, memcpy-baseline). With both, copies
    /// alternate between the two destinations, and so does which goes first, so that a load change on the machine
    /// hits both alike and their ratio (the 80 % target) stays fair. The block is closed and unlinked whatever happens.
    /// </summary>
    public static List<double>[] Measure(BenchPlan plan, IpcBenchSizes sizes, IReadOnlyList<string> ids)
    {
        var size = Bytes(sizes);
        var data = EngineBatch.Pattern(size);
        var samples = ids.Select(_ => new List<double>(plan.Samples)).ToArray();
        var block = ids.Contains(ShmId) ? new SharedMemoryBlock(create: true, size: size) : null;
        try
        {
            var destination = ids.Contains(MemcpyId) ? new byte[size] : null;
            if (block is not null && block.Span.Length != size) throw new InvalidOperationException($"the block has {block.Span.Length} bytes, the source {size}");
            for (var r = 0; r < plan.Warmup + plan.Samples; r++)
                for (var k = 0; k < ids.Count; k++)
                {
                    var i = (k + r) % ids.Count;
                    var start = Stopwatch.GetTimestamp();
                    if (ids[i] == ShmId) data.AsSpan().CopyTo(block!.Span);
                    else data.AsSpan().CopyTo(destination);
                    var end = Stopwatch.GetTimestamp();
                    if (r >= plan.Warmup) samples[i].Add(size / EngineBatch.Seconds(start, end) / 1e9);
                }
        }
        finally
        {
            if (block is not null)
            {
                block.Close();
                block.Unlink();
            }
        }
        return samples;
    }

    private static int Bytes(IpcBenchSizes sizes) => checked(sizes.ShmMiB * 1024 * 1024);

    private static IReadOnlyList<(string Key, long Value)> Batch(IpcBenchSizes sizes) => [("mib", sizes.ShmMiB)];

    private static string Params(BenchPlan plan, IpcBenchSizes sizes) => BenchCatalog.Params(plan, Batch(sizes));
}
