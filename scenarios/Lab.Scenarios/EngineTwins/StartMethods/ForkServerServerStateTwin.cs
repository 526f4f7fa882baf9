using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.StartMethods;

/// <summary>The parent sets static state before each of two children; each reports whether it sees the parent's value or the initial one.</summary>
public sealed class ForkServerServerStateTwin : EngineTwin
{
    public override string Id => "start-methods.forkserver-server-state";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var before = ForkServerTargets.ServerState;
        try
        {
            using var scope = new ChildScope(context, budget);
            var seen = new List<string>();
            foreach (var _ in new[] { "first", "second" })
            {
                ForkServerTargets.ServerState = ForkServerTargets.ParentRuntime;
                var p = Run.ToEnd(scope, ForkServerTargets.ReportServerState);
                if (p is null) return Run.Hang("the child");
                seen.Add(p.ExitCode switch { 10 => ForkServerTargets.ParentRuntime, 20 => ForkServerTargets.Initial, var c => $"error_exit_{c}" });
            }
            return new(Observe.Pairs(("first_child", seen[0]), ("second_child", seen[1])));
        }
        finally
        {
            ForkServerTargets.ServerState = before;
        }
    }
}
