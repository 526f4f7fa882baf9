using Lab.Engine;
using Lab.Engine.SharedMemory;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.SharedMemory;

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
