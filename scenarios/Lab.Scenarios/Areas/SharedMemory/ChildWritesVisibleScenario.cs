using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.SharedMemory;

public sealed class ChildWritesVisibleScenario : Scenario
{
    public override string Id => "shared-memory.child-writes-visible";
    public override string Rule => "A child that attaches to a block by name and writes bytes at an offset changes the memory the parent sees: both map the same block.";
    public override string Source => "seeds 59.17 Shared Memory ('process A maps shared memory block, process B maps same shared memory block')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("visible=true")];
}
