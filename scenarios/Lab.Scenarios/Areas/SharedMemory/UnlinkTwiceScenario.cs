using Lab.Engine;
using Lab.Engine.SharedMemory;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.SharedMemory;

public sealed class UnlinkTwiceScenario : Scenario
{
    public override string Id => "shared-memory.unlink-twice";
    public override string Rule => "A shared memory block's name can be unlinked once; a second unlink raises FileNotFoundError.";
    public override string Source => "seeds 59.17 Shared Memory; multiprocessing/shared_memory.py SharedMemory.unlink (shm_unlink)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=not_found")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var block = new SharedMemoryBlock(SharedMemoryTargets.FreshName(), create: true, size: 16);
        block.Close();
        block.Unlink();
        var (raised, how) = SharedMemoryTargets.Attempt(block.Unlink);
        var left = SharedMemoryTargets.UnlinkIfPresent(block.Name);
        return new(Observe.Pairs(("raised", raised)), $"second Unlink(): {how}{(left ? "; the name was still there" : "")}");
    }
}
