using Lab.Engine;
using Lab.Engine.SharedMemory;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.SharedMemory;

/// <summary>Creates a block, creates it again under the same name, and reports the error raised.</summary>
public sealed class CreateExistingTwin : EngineTwin
{
    public override string Id => "shared-memory.create-existing";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var name = SharedMemoryTargets.FreshName();
        using var first = new SharedMemoryBlock(name, create: true, size: 16);
        try
        {
            SharedMemoryBlock? made = null;
            var (raised, how) = SharedMemoryTargets.Attempt(() => made = new SharedMemoryBlock(name, create: true, size: 16));
            made?.Close();
            return new(Observe.Pairs(("raised", raised)), $"a second create of '{name}': {how}");
        }
        finally
        {
            first.Close();
            first.Unlink();
        }
    }
}
