using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.ExitCodes;

/// <summary>A child whose target returns normally; the parent reads its exit code.</summary>
public sealed class ReturnTwin : EngineTwin
{
    public override string Id => "exit-codes.return";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var p = Run.ToEnd(scope, ExitCodeTargets.Return);
        return p is null ? Run.Hang("the child") : new(Observe.Pairs(("exitcode", p.ExitCode)));
    }
}
