using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Termination;

/// <summary>Runs the group shutdown in a child acting as the parent (InterruptTargets.ShutdownGroup), so that
/// Multiprocessing.ShutdownChildren only reaches that group, never the lab's other children; its line is the observation.</summary>
public sealed class ShutdownDeadlineTwin : EngineTwin
{
    public override string Id => "termination.shutdown-deadline";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var marker = new TempMarker();
        using var scope = new ChildScope(context, budget);
        using var rendezvous = Rendezvous.Create();
        var parent = scope.Start(InterruptTargets.ShutdownGroup, [rendezvous.Path, marker.Path]);
        using var peer = rendezvous.Accept(scope.Remaining, out var line);
        if (peer is null || line is null) return Run.Hang("the group's parent");
        return scope.Join(parent) && parent.ExitCode == 0
            ? Observation.Parse(line)
            : new(Observe.Pairs(("parent_exitcode", parent.ExitCode)), $"the group's parent ended with exit code {parent.ExitCode} after reporting: {line}");
    }
}
