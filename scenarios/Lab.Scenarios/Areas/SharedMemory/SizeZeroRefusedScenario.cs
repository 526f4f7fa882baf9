using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.SharedMemory;

public sealed class SizeZeroRefusedScenario : Scenario
{
    public override string Id => "shared-memory.size-zero-refused";
    public override string Rule => "Creating a shared memory block of size 0 is refused (ValueError \"'size' must be a positive number different from zero\") and creates nothing.";
    public override string Source => "seeds 59.17 Shared Memory; multiprocessing/shared_memory.py SharedMemory.__init__";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=value_error")];
}
