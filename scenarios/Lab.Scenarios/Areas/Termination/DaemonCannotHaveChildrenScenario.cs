using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Termination;

public sealed class DaemonCannotHaveChildrenScenario : Scenario
{
    public override string Id => "termination.daemon-cannot-have-children";
    public override string Rule => "A daemon process may not create child processes: start() raises 'daemonic processes are not allowed to have children'.";
    public override string Source => "seeds 59.20 Daemon Processes; multiprocessing/process.py start()";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("refused=true")];
}
