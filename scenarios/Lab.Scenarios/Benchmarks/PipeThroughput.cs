using System.Diagnostics;
using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Scenarios.Subjects;
using Lab.Scenarios.Support;
using Microsoft.Win32.SafeHandles;
using Process = Lab.Engine.Process;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// pipe-throughput-1mib (issue #4 §7.2; seeds 59.13): a child sends K messages of 1 MiB with SendBytes through a
/// one-way Pipe and the parent receives each with RecvBytesInto one reused buffer (CPython:
/// <c>conn.recv_bytes_into(bytearray)</c>). raw-pipe-1mib is the engine's baseline: the same bytes through the same
/// kind of OS pipe between two processes with no framing; the child writes 1 MiB chunks to the write end's
/// descriptor with a FileStream, the parent reads raw bytes the same way into the same 1 MiB buffer. Both readers
/// poll once per 1 MiB (the bounded wait) and then read until the MiB is in, so the baseline differs from the
/// framed pipe only by the framing. The clock runs from the go signal to the end of the last MiB; a sample is
/// bytes / elapsed in MB/s (10^6 bytes). When both are measured, one child serves both and their batches alternate
/// (see <see cref="Measure"/>). On a small machine the level depends on where the scheduler puts the child: on the
/// parent's core a pipe runs at a fraction of its cross-core speed, so whole series move together between two
/// levels from run to run; compare series of the same run. Targets: engine ≥ 4 × CPython, or ≥ 80 % of the raw pipe.
/// </summary>
public static class PipeThroughput
{
    public const string FramedId = "pipe-throughput-1mib";
    public const string RawId = "raw-pipe-1mib";
    public const string Unit = "MB/s";

    public static IEnumerable<BenchSeries> OnEngine(EngineSubject engine, BenchPlan plan, IpcBenchSizes sizes, IReadOnlySet<string> ids)
    {
        var lanes = new[] { FramedId, RawId }.Where(ids.Contains).ToArray();
        if (lanes.Length == 0) yield break;
        foreach (var method in engine.StartMethods)
        {
            var samples = Measure(engine.Context(method), plan, sizes, lanes);
            for (var i = 0; i < lanes.Length; i++)
                yield return new BenchSeries(engine.Name, engine.Version, method, lanes[i], Params(plan, sizes), Unit, samples[i]);
        }
    }

    public static IEnumerable<BenchSeries> OnCpython(PythonSubject cpython, BenchPlan plan, IpcBenchSizes sizes) =>
        cpython.StartMethods.Select(m => PythonBench.Run(cpython, m, FramedId, plan, Batch(sizes)));

    /// <summary>
    /// Measures the given lanes (framed and/or raw) with one sender child for the whole series, so that both lanes
    /// run between the same two processes wherever the scheduler put them (two senders would each get their own
    /// placement, and a pipe between processes on one core is slower than across cores). With both lanes, batches
    /// alternate between them, and so does which goes first, so that a load change on the machine hits both series
    /// alike and their ratio (the 80 % target) stays fair.
    /// </summary>
    private static List<double>[] Measure(ProcessContext context, BenchPlan plan, IpcBenchSizes sizes, IReadOnlyList<string> ids)
    {
        int messages = sizes.PipeMessages, size = sizes.PipeMessageBytes;
        var rounds = plan.Warmup + plan.Samples;
        var samples = ids.Select(_ => new List<double>(plan.Samples)).ToArray();
        var buffer = new byte[size];
        var lanes = ids.Select(id => id == RawId ? 1 : 0).ToArray();
        Connection? framedReader = null, framedWriter = null, rawReader = null, rawWriter = null;
        if (lanes.Contains(0)) (framedReader, framedWriter) = Pipe.Create(duplex: false);
        if (lanes.Contains(1)) (rawReader, rawWriter) = Pipe.Create(duplex: false);
        var (control, childControl) = Pipe.Create();
        try
        {
            using var rawStream = rawReader is null ? null : new FileStream(new SafeFileHandle(rawReader.Fileno, ownsHandle: false), FileAccess.Read, bufferSize: 0);
            using var scope = new ChildScope(context, sizes.PerWait * 2 + TimeSpan.FromSeconds(rounds * 2 * lanes.Length));
            Process sender;
            using (childControl)
            using (framedWriter)
            using (rawWriter)
                sender = scope.Start(PipeThroughputTargets.Sender, [framedWriter, rawWriter, childControl, messages, size, rounds * lanes.Length, sizes.ChildBlockSeconds]);
            EngineBatch.AwaitReady(control, sender, sizes.PerWait, "the pipe sender");
            for (var r = 0; r < rounds; r++)
                for (var k = 0; k < lanes.Length; k++)
                {
                    var i = (k + r) % lanes.Length;
                    var id = ids[i];
                    var start = Stopwatch.GetTimestamp();
                    control.Send(lanes[i]);
                    for (var m = 0; m < messages; m++)
                    {
                        if (lanes[i] == 0)
                        {
                            int got;
                            try
                            {
                                got = framedReader!.RecvBytesInto(buffer, 0, sizes.PerWait);
                            }
                            catch (TimeoutException)
                            {
                                throw new TimeoutException($"{id}: message {m} of batch {r} did not arrive within {sizes.PerWait.TotalSeconds:0} s (sender alive: {sender.IsAlive})");
                            }
                            if (got != size) throw new InvalidOperationException($"{id}: got a {got}-byte message, expected {size}");
                        }
                        else
                        {
                            if (!rawReader!.Poll(sizes.PerWait))
                                throw new TimeoutException($"{id}: chunk {m} of batch {r} did not arrive within {sizes.PerWait.TotalSeconds:0} s (sender alive: {sender.IsAlive})");
                            for (var got = 0; got < size;)
                            {
                                var n = rawStream!.Read(buffer, got, size - got);
                                if (n == 0) throw new EndOfStreamException($"{id}: end of file after {got} bytes of chunk {m} of batch {r} (sender exit code {sender.ExitCode?.ToString() ?? "none"})");
                                got += n;
                            }
                        }
                    }
                    var end = Stopwatch.GetTimestamp();
                    if (r >= plan.Warmup) samples[i].Add((double)messages * size / EngineBatch.Seconds(start, end) / 1e6);
                }
            EngineBatch.Finish(sender, sizes.PerWait, "the pipe sender");
        }
        finally
        {
            framedReader?.Dispose();
            rawReader?.Dispose();
            control.Dispose();
        }
        return samples;
    }

    private static IReadOnlyList<(string Key, long Value)> Batch(IpcBenchSizes sizes) =>
        [("messages", sizes.PipeMessages), ("size", sizes.PipeMessageBytes)];

    private static string Params(BenchPlan plan, IpcBenchSizes sizes) => BenchCatalog.Params(plan, Batch(sizes));
}
