using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Termination;

public sealed class DaemonCannotHaveChildrenScenario : Scenario
{
    public override string Id => "termination.daemon-cannot-have-children";
    public override string Rule => "A daemon process may not create child processes: start() raises 'daemonic processes are not allowed to have children'.";
    public override string Source => "seeds 59.20 Daemon Processes; multiprocessing/process.py start()";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("refused=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var p = scope.Start(TerminationTargets.DaemonStartsChild, daemon: true);
        if (!scope.Join(p)) return Run.Hang("the daemon");
        return new(Observe.Pairs(("refused", p.ExitCode == 0)), $"daemon exit code {p.ExitCode} (0: refused with CPython's message)");
    }
}
