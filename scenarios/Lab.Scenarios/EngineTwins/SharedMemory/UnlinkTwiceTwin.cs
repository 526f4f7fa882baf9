using Lab.Engine;
using Lab.Engine.SharedMemory;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.SharedMemory;

/// <summary>Creates a block, unlinks it, unlinks it again, and reports the error the second unlink raised.</summary>
public sealed class UnlinkTwiceTwin : EngineTwin
{
    public override string Id => "shared-memory.unlink-twice";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var block = new SharedMemoryBlock(SharedMemoryTargets.FreshName(), create: true, size: 16);
        block.Close();
        block.Unlink();
        var (raised, how) = SharedMemoryTargets.Attempt(block.Unlink);
        var left = SharedMemoryTargets.UnlinkIfPresent(block.Name);
        return new(Observe.Pairs(("raised", raised)), $"second Unlink(): {how}{(left ? "; the name was still there" : "")}");
    }
}
