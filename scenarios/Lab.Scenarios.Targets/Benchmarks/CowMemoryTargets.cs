using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.SharedMemory;

namespace Lab.Scenarios.Benchmarks;

/// <summary>The readers of cow-memory (<see cref="EngineBatch"/>'s protocol; CPython: bench.py's cow-memory).</summary>
public static class CowMemoryTargets
{
    /// <summary>Child, mode=argument: reads one byte per page of its argument, says how much it read, waits for "go".</summary>
    [ProcessTarget]
    public static void ReadArgument(byte[] data, double blockSeconds, Connection control)
    {
        control.Send(TouchPages(data));
        EngineBatch.AwaitGo(control, blockSeconds);
    }

    /// <summary>Child, mode=shared-memory: the same through a block attached by name (closed, never unlinked).</summary>
    [ProcessTarget]
    public static void ReadShared(string name, double blockSeconds, Connection control)
    {
        using var block = new SharedMemoryBlock(name);
        control.Send(TouchPages(block.Span));
        EngineBatch.AwaitGo(control, blockSeconds);
    }

    private static long TouchPages(ReadOnlySpan<byte> data)
    {
        long sum = 0;
        for (var i = 0; i < data.Length; i += 4096) sum += data[i];
        return sum;
    }
}
