using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Termination;

/// <summary>Sends the case's signal to a ready child that asked to handle interrupts; observes its exit code and whether
/// its finally block ran.</summary>
public sealed class InterruptRunsFinallyTwin : EngineTwin
{
    public override string Id => "termination.interrupt-runs-finally";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var marker = new TempMarker();
        using var scope = new ChildScope(context, budget);
        Action<Process> send = (string)@case.Params["signal"]! switch
        {
            "SIGINT" => child => child.Interrupt(),
            "SIGTERM" => child => child.Terminate(),
            var other => throw new ArgumentException($"no such case: {other}"),
        };
        var p = Run.ReadyThen(scope, InterruptTargets.WaitForInterrupt, send, [marker.Path]);
        return p is null ? Run.Hang("the child") : new(Observe.Pairs(("exitcode", p.ExitCode), ("finally_ran", marker.Exists)));
    }
}
