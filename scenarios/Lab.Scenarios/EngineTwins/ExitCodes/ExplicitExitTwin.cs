using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.ExitCodes;

/// <summary>A child raises SystemExit(code); the parent reads its exit code.</summary>
public sealed class ExplicitExitTwin : EngineTwin
{
    public override string Id => "exit-codes.explicit-exit";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var p = Run.ToEnd(scope, ExitCodeTargets.Exit, [@case.Int("code")]);
        return p is null ? Run.Hang("the child") : Observe.Pairs(("exitcode", p.ExitCode));
    }
}
