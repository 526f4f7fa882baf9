using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Managers;

/// <summary>raised: whether a call through a proxy after the manager's shutdown raised (rather than answered or hung);
/// socket_left: whether the manager's socket file is still there.</summary>
public sealed class ProxyAfterShutdownScenario : Scenario
{
    public override string Id => "managers.proxy-after-shutdown";
    public override string Rule => "After a manager shuts down, a call through one of its proxies raises an error at once, and the manager's socket file is gone.";
    public override string Source => "seeds 59.18 Managers; CPython managers.py (BaseManager.shutdown, BaseProxy._callmethod), connection.py (SocketListener unlinks its address)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("raised=true;socket_left=false")];
}
