using Lab.Engine;
using Lab.Engine.Managers;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Managers;

/// <summary>A child appends "hello" to a managed list; the parent reads the list.</summary>
public sealed class ChildAppendsTwin : EngineTwin
{
    public override string Id => "managers.child-appends";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var manager = Manager.StartNew(context: context);
        using var scope = new ChildScope(context, budget);
        var list = manager.List();
        var p = Run.ToEnd(scope, ManagerTargets.AppendHello, [list]);
        if (p is null) return Run.Hang("the child");
        var seen = list.ToList();
        return new(Observe.Pairs(("parent_sees", string.Join(",", seen)), ("child_exitcode", p.ExitCode)), $"the parent's list proxy holds {seen.Count} item(s)");
    }
}
