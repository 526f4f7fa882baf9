using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.StartMethods;

/// <summary>
/// The parent sets static state before its first child and again before its second. A forkserver child is forked
/// from the server, so it sees the server's state (the initial value) both times, not the parent's; a spawn child
/// starts clean too; only a fork child (CPython) sees the parent's assignments.
/// </summary>
public sealed class ForkServerServerStateScenario : Scenario
{
    public override string Id => "start-methods.forkserver-server-state";
    public override string Rule => "A forkserver child sees the server's state, not what the parent set before starting it (before the first start or later).";
    public override string Source => "seeds 59.7 forkserver; CPython Lib/multiprocessing/forkserver.py (children fork from the server)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("first_child=initial;second_child=initial")];

    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) =>
        startMethod == "fork" ? "first_child=parent_runtime;second_child=parent_runtime" : null;

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
