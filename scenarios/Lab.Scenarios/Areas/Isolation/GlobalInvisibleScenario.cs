using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Isolation;

public sealed class GlobalInvisibleScenario : Scenario
{
    public override string Id => "isolation.global-invisible";
    public override string Rule => "A child that changes module-level (static) state does not change the parent's.";
    public override string Source => "seeds 59.2 Process Isolation; 59.34 'Assuming globals are shared'";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("parent_global_unchanged=true;child_exitcode=0")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var (counter, items) = (IsolationTargets.Counter, IsolationTargets.Items.Count);
        using var scope = new ChildScope(context, budget);
        var p = Run.ToEnd(scope, IsolationTargets.MutateGlobals);
        if (p is null) return Run.Hang("the child");
        var unchanged = IsolationTargets.Counter == counter && IsolationTargets.Items.Count == items;
        return new(Observe.Pairs(("parent_global_unchanged", unchanged), ("child_exitcode", p.ExitCode)));
    }
}
