using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Termination;

public sealed class JoinTimeoutScenario : Scenario
{
    public override string Id => "termination.join-timeout-leaves-alive";
    public override string Rule => "join(timeout) on a running child returns after the timeout with the child still alive and no exit code.";
    public override string Source => "CPython docs, Process.join([timeout]); seeds 59.10 Process";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("alive=true;exitcode=null")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
