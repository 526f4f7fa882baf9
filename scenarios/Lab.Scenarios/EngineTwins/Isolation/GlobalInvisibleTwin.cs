using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Isolation;

/// <summary>A child changes module-level (static) state; the parent checks its own copy did not change.</summary>
public sealed class GlobalInvisibleTwin : EngineTwin
{
    public override string Id => "isolation.global-invisible";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var (counter, items) = (IsolationTargets.Counter, IsolationTargets.Items.Count);
        using var scope = new ChildScope(context, budget);
        var p = Run.ToEnd(scope, IsolationTargets.MutateGlobals);
        if (p is null) return Run.Hang("the child");
        var unchanged = IsolationTargets.Counter == counter && IsolationTargets.Items.Count == items;
        return new(Observe.Pairs(("parent_global_unchanged", unchanged), ("child_exitcode", p.ExitCode)));
    }
}
