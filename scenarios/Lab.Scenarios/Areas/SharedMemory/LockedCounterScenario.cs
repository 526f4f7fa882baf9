using Lab.Engine;
using Lab.Engine.SharedMemory;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.SharedMemory;

public sealed class LockedCounterScenario : Scenario
{
    public override string Id => "shared-memory.locked-counter";
    public override string Rule => "Four children each add 1 to a shared Value('i') 1000 times under its lock (get_lock()): no update is lost, the total is 4000.";
    public override string Source => "seeds 59.16 Shared Values and Arrays ('with counter.get_lock(): counter.value += 1'; 'Shared objects need synchronization')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single($"total={SharedMemoryTargets.Children * SharedMemoryTargets.Increments}")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var (total, detail) = Counter.Run(context, budget, locked: true);
        return total is null ? Run.Hang(detail) : new(Observe.Pairs(("total", total)), detail);
    }
}

/// <summary>Four children at a barrier (so they start together and overlap), then n increments each.</summary>
internal static class Counter
{
    public static (int? Total, string Detail) Run(ProcessContext context, TimeSpan budget, bool locked)
    {
        using var scope = new ChildScope(context, budget);
        using var value = new SharedValue<int>(0, synchronized: locked);
        using var gate = new ProcessBarrier(SharedMemoryTargets.Children);
        var children = Enumerable.Range(0, SharedMemoryTargets.Children)
            .Select(_ => scope.Start(SharedMemoryTargets.Increment, [value, gate, SharedMemoryTargets.Increments, locked]))
            .ToList();
        foreach (var p in children)
            if (!scope.Join(p)) return (null, "an incrementing child");
        return (value.Raw, $"{SharedMemoryTargets.Children} children x {SharedMemoryTargets.Increments} increments of SharedValue<int>" +
                           (locked ? " under GetLock()" : ", synchronized: false, no lock") +
                           $", started together at a barrier; exit codes {string.Join(", ", children.Select(c => c.ExitCode))}");
    }
}
