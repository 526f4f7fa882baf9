using Lab.Engine;
using Lab.Engine.Targets;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pickling;

/// <summary>Starts a child whose target is a closure; observes whether start() refuses it in the parent.</summary>
public sealed class ClosureTargetRefusedTwin : EngineTwin
{
    public override string Id => "pickling.closure-target-refused";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var captured = settings.Seed;
        using var scope = new ChildScope(context, budget);
        try
        {
            var p = Run.ToEnd(scope, () => { _ = captured; });
            return p is null ? Run.Hang("the child") : new(Observe.Pairs(("refused", false), ("exitcode", p.ExitCode)));
        }
        catch (InvalidTargetError e)
        {
            return new(Observe.Pairs(("refused", true)), e.Message);
        }
    }
}
