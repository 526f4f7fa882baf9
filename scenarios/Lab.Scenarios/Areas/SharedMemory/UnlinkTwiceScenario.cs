using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.SharedMemory;

public sealed class UnlinkTwiceScenario : Scenario
{
    public override string Id => "shared-memory.unlink-twice";
    public override string Rule => "A shared memory block's name can be unlinked once; a second unlink raises FileNotFoundError.";
    public override string Source => "seeds 59.17 Shared Memory; multiprocessing/shared_memory.py SharedMemory.unlink (shm_unlink)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=not_found")];
}
