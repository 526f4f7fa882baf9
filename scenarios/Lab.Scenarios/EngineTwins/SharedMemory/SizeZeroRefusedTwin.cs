using Lab.Engine;
using Lab.Engine.SharedMemory;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.SharedMemory;

/// <summary>Creates a block of size 0, reports the error raised, and unlinks the name if it was created anyway.</summary>
public sealed class SizeZeroRefusedTwin : EngineTwin
{
    public override string Id => "shared-memory.size-zero-refused";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var name = SharedMemoryTargets.FreshName();
        SharedMemoryBlock? made = null;
        var (raised, how) = SharedMemoryTargets.Attempt(() => made = new SharedMemoryBlock(name, create: true, size: 0));
        made?.Close();
        var left = SharedMemoryTargets.UnlinkIfPresent(name);
        return new(Observe.Pairs(("raised", raised)), $"create with size 0: {how}{(left ? "; the name existed and was unlinked" : "")}");
    }
}
