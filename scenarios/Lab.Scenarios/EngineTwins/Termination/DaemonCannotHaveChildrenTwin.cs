using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Termination;

/// <summary>A daemon child tries to start a child of its own; its exit code says whether start() refused.</summary>
public sealed class DaemonCannotHaveChildrenTwin : EngineTwin
{
    public override string Id => "termination.daemon-cannot-have-children";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var p = scope.Start(TerminationTargets.DaemonStartsChild, daemon: true);
        if (!scope.Join(p)) return Run.Hang("the daemon");
        return new(Observe.Pairs(("refused", p.ExitCode == 0)), $"daemon exit code {p.ExitCode} (0: refused with CPython's message)");
    }
}
