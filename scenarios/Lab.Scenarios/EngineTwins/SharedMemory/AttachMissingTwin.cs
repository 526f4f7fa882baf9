using Lab.Engine;
using Lab.Engine.SharedMemory;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.SharedMemory;

/// <summary>Attaches to a block by a fresh name that no one created and reports the error raised.</summary>
public sealed class AttachMissingTwin : EngineTwin
{
    public override string Id => "shared-memory.attach-missing";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var name = SharedMemoryTargets.FreshName();
        SharedMemoryBlock? made = null;
        var (raised, how) = SharedMemoryTargets.Attempt(() => made = new SharedMemoryBlock(name));
        made?.Close();
        return new(Observe.Pairs(("raised", raised)), $"attach to '{name}', which does not exist: {how}");
    }
}
