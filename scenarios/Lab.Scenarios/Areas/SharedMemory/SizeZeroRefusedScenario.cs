using Lab.Engine;
using Lab.Engine.SharedMemory;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.SharedMemory;

public sealed class SizeZeroRefusedScenario : Scenario
{
    public override string Id => "shared-memory.size-zero-refused";
    public override string Rule => "Creating a shared memory block of size 0 is refused (ValueError \"'size' must be a positive number different from zero\") and creates nothing.";
    public override string Source => "seeds 59.17 Shared Memory; multiprocessing/shared_memory.py SharedMemory.__init__";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=value_error")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var name = SharedMemoryTargets.FreshName();
        SharedMemoryBlock? made = null;
        var (raised, how) = SharedMemoryTargets.Attempt(() => made = new SharedMemoryBlock(name, create: true, size: 0));
        made?.Close();
        var left = SharedMemoryTargets.UnlinkIfPresent(name);
        return new(Observe.Pairs(("raised", raised)), $"create with size 0: {how}{(left ? "; the name existed and was unlinked" : "")}");
    }
}
