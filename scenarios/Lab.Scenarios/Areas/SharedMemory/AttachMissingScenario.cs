using Lab.Engine;
using Lab.Engine.SharedMemory;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.SharedMemory;

public sealed class AttachMissingScenario : Scenario
{
    public override string Id => "shared-memory.attach-missing";
    public override string Rule => "Attaching to a shared memory block by a name that does not exist raises FileNotFoundError.";
    public override string Source => "seeds 59.17 Shared Memory; multiprocessing/shared_memory.py (shm_open without O_CREAT)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=not_found")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var name = SharedMemoryTargets.FreshName();
        SharedMemoryBlock? made = null;
        var (raised, how) = SharedMemoryTargets.Attempt(() => made = new SharedMemoryBlock(name));
        made?.Close();
        return new(Observe.Pairs(("raised", raised)), $"attach to '{name}', which does not exist: {how}");
    }
}
