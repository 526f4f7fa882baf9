using Lab.Engine;
using Lab.Engine.Connections;
using Microsoft.Win32.SafeHandles;

namespace Lab.Scenarios.Benchmarks;

/// <summary>The sender child of pipe-throughput-1mib and raw-pipe-1mib (<see cref="EngineBatch"/>'s protocol).</summary>
public static class PipeThroughputTargets
{
    /// <summary>
    /// The sender child of both lanes: per "go" it sends one batch on the lane the go names: lane 0,
    /// <paramref name="messages"/> SendBytes of <paramref name="size"/> bytes on <paramref name="framed"/>; lane 1, the
    /// same bytes written to <paramref name="raw"/>'s descriptor in <paramref name="size"/>-byte chunks, no header
    /// (the stream does not own the descriptor, the Connection does, and has no buffer of its own). A lane that is
    /// not measured is null.
    /// </summary>
    [ProcessTarget]
    public static void Sender(Connection? framed, Connection? raw, Connection control, int messages, int size, int batches, double blockSeconds)
    {
        var payload = EngineBatch.Pattern(size);
        using var rawStream = raw is null ? null : new FileStream(new SafeFileHandle(raw.Fileno, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        control.Send(EngineBatch.Ready);
        for (var b = 0; b < batches; b++)
        {
            var lane = EngineBatch.AwaitGo(control, blockSeconds);
            if (lane is 0 && framed is not null)
                for (var i = 0; i < messages; i++) framed.SendBytes(payload);
            else if (lane is 1 && rawStream is not null)
                for (var i = 0; i < messages; i++) rawStream.Write(payload, 0, size);
            else
                throw new InvalidOperationException($"go for lane {lane ?? "null"}, which this sender does not have");
        }
        framed?.Close();
        raw?.Close();
    }
}
