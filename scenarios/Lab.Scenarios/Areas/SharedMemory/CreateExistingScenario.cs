using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.SharedMemory;

public sealed class CreateExistingScenario : Scenario
{
    public override string Id => "shared-memory.create-existing";
    public override string Rule => "Creating a shared memory block under a name that already exists raises FileExistsError (O_CREAT | O_EXCL).";
    public override string Source => "seeds 59.17 Shared Memory; multiprocessing/shared_memory.py (_O_CREX)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=exists")];
}
