using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Termination;

/// <summary>Terminates a ready child blocked in a try block; observes its exit code and whether its finally block ran.</summary>
public sealed class TerminateSkipsFinallyTwin : EngineTwin
{
    public override string Id => "termination.terminate-skips-finally";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var marker = new TempMarker();
        using var scope = new ChildScope(context, budget);
        var p = Run.ReadyThen(scope, TerminationTargets.BlockWithFinally, child => child.Terminate(), [marker.Path]);
        return p is null ? Run.Hang("the child") : new(Observe.Pairs(("exitcode", p.ExitCode), ("finally_ran", marker.Exists)));
    }
}
