using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Termination;

/// <summary>The engine's message is a line on a socket (Event arrives with the IPC issue); CPython's twin uses an Event.</summary>
public sealed class CooperativeShutdownScenario : Scenario
{
    public override string Id => "termination.cooperative-shutdown-runs-finally";
    public override string Rule => "Cooperative shutdown (a stop message or event, then join) lets the child run its finally blocks and exit 0.";
    public override string Source => "seeds 59.21 Termination ('Prefer cooperative shutdown')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("exitcode=0;finally_ran=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
