using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Termination;

/// <summary>Joins a blocked child with a 200 ms timeout and observes whether it is still alive, and its exit code.</summary>
public sealed class JoinTimeoutTwin : EngineTwin
{
    public override string Id => "termination.join-timeout-leaves-alive";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        using var rendezvous = Rendezvous.Create();
        var p = scope.Start(TerminationTargets.Block, [rendezvous.Path]);
        using var peer = rendezvous.Accept(scope.Remaining, out _);
        if (peer is null) return Run.Hang("the child's connection");
        p.Join(TimeSpan.FromMilliseconds(200));
        return new(Observe.Pairs(("alive", p.IsAlive), ("exitcode", p.ExitCode)));
    }
}
