using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Managers;

/// <summary>The manager's process is SIGKILLed; raised: whether the next call through a proxy raised (it must not hang
/// or answer).</summary>
public sealed class KilledManagerScenario : Scenario
{
    public override string Id => "managers.killed-manager";
    public override string Rule => "When the manager's process is killed, the next call through a proxy raises an error instead of hanging.";
    public override string Source => "seeds 59.18 Managers and 59.21 Termination; CPython managers.py (BaseProxy._callmethod: EOFError from the dead server's closed socket)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=true")];
}
