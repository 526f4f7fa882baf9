using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.SharedMemory;

public sealed class AttachMissingScenario : Scenario
{
    public override string Id => "shared-memory.attach-missing";
    public override string Rule => "Attaching to a shared memory block by a name that does not exist raises FileNotFoundError.";
    public override string Source => "seeds 59.17 Shared Memory; multiprocessing/shared_memory.py (shm_open without O_CREAT)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=not_found")];
}
