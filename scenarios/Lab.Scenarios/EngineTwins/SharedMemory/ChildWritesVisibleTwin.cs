using Lab.Engine;
using Lab.Engine.SharedMemory;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.SharedMemory;

/// <summary>A child attaches to the parent's block by name and writes at an offset; the parent reads the bytes back.</summary>
public sealed class ChildWritesVisibleTwin : EngineTwin
{
    private const int Offset = 100;

    public override string Id => "shared-memory.child-writes-visible";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var payload = "written by the child"u8.ToArray();
        using var scope = new ChildScope(context, budget);
        var block = new SharedMemoryBlock(SharedMemoryTargets.FreshName(), create: true, size: 4096);
        try
        {
            var p = Run.ToEnd(scope, SharedMemoryTargets.AttachAndWrite, [block.Name, Offset, payload]);
            if (p is null) return Run.Hang("the writing child");
            var seen = block.GetSpan(Offset, payload.Length).ToArray();
            return new(Observe.Pairs(("visible", seen.AsSpan().SequenceEqual(payload))),
                $"child attached '{block.Name}' by name and wrote {payload.Length} bytes at offset {Offset} (exit code {p.ExitCode}); parent read '{System.Text.Encoding.ASCII.GetString(seen).Replace("\0", "\\0")}'");
        }
        finally
        {
            block.Close();
            block.Unlink();
        }
    }
}
