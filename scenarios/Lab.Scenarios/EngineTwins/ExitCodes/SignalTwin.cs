using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.ExitCodes;

/// <summary>A child dies by the case's signal (a fault of its own, or one the parent sends once it is ready); the
/// parent reads its exit code.</summary>
public sealed class SignalTwin : EngineTwin
{
    public override string Id => "exit-codes.signal";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var name = (string)@case.Params["signal"]!;
        var p = name switch
        {
            "SIGSEGV" => Run.ToEnd(scope, ExitCodeTargets.Segfault),
            "SIGABRT" => Run.ToEnd(scope, ExitCodeTargets.Abort),
            "SIGTERM" => Run.ReadyThen(scope, ExitCodeTargets.ReadyThenBlock, child => child.Terminate()),
            "SIGKILL" => Run.ReadyThen(scope, ExitCodeTargets.ReadyThenBlock, child => child.Kill()),
            "SIGINT" => Run.ReadyThen(scope, ExitCodeTargets.ReadyThenBlock, child => child.Interrupt()),
            _ => throw new ArgumentException($"no such case: {name}"),
        };
        return p is null ? Run.Hang("the child") : new(Observe.Pairs(("exitcode", p.ExitCode)));
    }
}
