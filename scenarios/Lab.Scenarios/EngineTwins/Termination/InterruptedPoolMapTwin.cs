using Lab.Engine;
using Lab.Engine.Diagnostics;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Termination;

/// <summary>Interrupts a parent blocked in Pool.map (InterruptTargets.MapUntilInterrupted) once it reported its pool's
/// workers; observes how its map ended, its exit code, and how many of its workers are still alive after it left the pool's block.</summary>
public sealed class InterruptedPoolMapTwin : EngineTwin
{
    public override string Id => "termination.interrupted-pool-map";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        using var rendezvous = Rendezvous.Create();
        var parent = scope.Start(InterruptTargets.MapUntilInterrupted, [rendezvous.Path]);
        using var peer = rendezvous.Accept(scope.Remaining, out var line);
        if (peer is null || line?.StartsWith("ready ", StringComparison.Ordinal) != true) return Run.Hang("the parent's ready message");
        var workers = line["ready ".Length..].Split(',').Select(int.Parse).ToList();
        parent.Interrupt();
        var outcome = peer.ReceiveLine(scope.Remaining);
        if (outcome is null || !scope.Join(parent)) return Run.Hang("the interrupted parent");
        // The parent's Terminate reaped its workers before it sent the outcome: nothing to wait for here.
        var alive = workers.Count(pid => ProcStat.Read(pid) is { IsZombie: false });
        return new(Observe.Pairs(("map", outcome), ("parent_exitcode", parent.ExitCode), ("workers_alive", alive)));
    }
}
