using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.SharedMemory;

public sealed class LockedCounterScenario : Scenario
{
    /// <summary>Four children x 1000 increments (the engine twin's SharedMemoryTargets.Children x Increments, the
    /// CPython twin's CHILDREN x INCREMENTS).</summary>
    internal const int Total = 4 * 1000;

    public override string Id => "shared-memory.locked-counter";
    public override string Rule => "Four children each add 1 to a shared Value('i') 1000 times under its lock (get_lock()): no update is lost, the total is 4000.";
    public override string Source => "seeds 59.16 Shared Values and Arrays ('with counter.get_lock(): counter.value += 1'; 'Shared objects need synchronization')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single($"total={Total}")];
}
