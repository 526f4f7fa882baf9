using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Termination;

public sealed class JoinTimeoutScenario : Scenario
{
    public override string Id => "termination.join-timeout-leaves-alive";
    public override string Rule => "join(timeout) on a running child returns after the timeout with the child still alive and no exit code.";
    public override string Source => "CPython docs, Process.join([timeout]); seeds 59.10 Process";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("alive=true;exitcode=null")];
}
