using Lab.Engine;
using Lab.Engine.SharedMemory;

namespace Lab.Scenarios.Benchmarks;

/// <summary>The tasks of argument-size-crossover (CPython: twins/bench_targets.py touch_bytes, touch_shared).</summary>
public static class ArgumentTargets
{
    /// <summary>The argument arrived whole: its length plus its last byte.</summary>
    [ProcessTarget]
    public static long TouchBytes(byte[] data) => data.LongLength + data[^1];

    /// <summary>Attaches the named block, reads its length and last byte, and closes it (never unlinks: the parent owns it).</summary>
    [ProcessTarget]
    public static long TouchShared(string name)
    {
        using var block = new SharedMemoryBlock(name);
        return block.Size + block.Span[^1];
    }

    /// <summary>What both tasks return for an argument of <paramref name="bytes"/> bytes of <see cref="EngineBatch.Pattern"/>.</summary>
    public static long Expected(long bytes) => bytes + (byte)(bytes - 1);
}
