using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Termination;

public sealed class TerminateSkipsFinallyScenario : Scenario
{
    public override string Id => "termination.terminate-skips-finally";
    public override string Rule => "terminate() stops a child abruptly: its finally blocks do not run and it dies by SIGTERM.";
    public override string Source => "seeds 59.21 Termination ('finally blocks skipped')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("exitcode=-15;finally_ran=false")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var marker = new TempMarker();
        using var scope = new ChildScope(context, budget);
        var p = Run.ReadyThen(scope, TerminationTargets.BlockWithFinally, child => child.Terminate(), [marker.Path]);
        return p is null ? Run.Hang("the child") : new(Observe.Pairs(("exitcode", p.ExitCode), ("finally_ran", marker.Exists)));
    }
}
