using Lab.Engine;
using Lab.Engine.SharedMemory;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.SharedMemory;

public sealed class CreateExistingScenario : Scenario
{
    public override string Id => "shared-memory.create-existing";
    public override string Rule => "Creating a shared memory block under a name that already exists raises FileExistsError (O_CREAT | O_EXCL).";
    public override string Source => "seeds 59.17 Shared Memory; multiprocessing/shared_memory.py (_O_CREX)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=exists")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
