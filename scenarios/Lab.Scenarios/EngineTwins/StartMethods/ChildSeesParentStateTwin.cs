using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.StartMethods;

/// <summary>The parent sets static state at run time, then a child reports whether it sees it.</summary>
public sealed class ChildSeesParentStateTwin : EngineTwin
{
    public override string Id => "start-methods.child-sees-parent-state";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var before = StartMethodTargets.State;
        StartMethodTargets.State = StartMethodTargets.RuntimeValue;
        try
        {
            using var scope = new ChildScope(context, budget);
            var p = Run.ToEnd(scope, StartMethodTargets.ReportState);
            return p is null ? Run.Hang("the child")
                : p.ExitCode is 10 or 20 ? new(Observe.Pairs(("child_sees_parent_runtime_state", p.ExitCode == 10)))
                : new($"child_exitcode={p.ExitCode}", "the child could not read the state");
        }
        finally
        {
            StartMethodTargets.State = before;
        }
    }
}
