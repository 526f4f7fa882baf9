using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Termination;

/// <summary>Sends a ready child a stop line on a socket (the engine's Event arrives with the IPC issue), joins it and
/// checks that its finally block ran.</summary>
public sealed class CooperativeShutdownTwin : EngineTwin
{
    public override string Id => "termination.cooperative-shutdown-runs-finally";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var marker = new TempMarker();
        using var scope = new ChildScope(context, budget);
        using var rendezvous = Rendezvous.Create();
        var p = scope.Start(TerminationTargets.WaitForStopWithFinally, [rendezvous.Path, marker.Path]);
        using var peer = rendezvous.Accept(scope.Remaining, out var line);
        if (peer is null || line != "ready") return Run.Hang("the child's ready message");
        peer.SendLine("stop");
        return scope.Join(p) ? new(Observe.Pairs(("exitcode", p.ExitCode), ("finally_ran", marker.Exists))) : Run.Hang("the child");
    }
}
