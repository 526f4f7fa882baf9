using Lab.Engine;
using Lab.Engine.Managers;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Managers;

/// <summary>Uses a list proxy, shuts the manager down, calls the proxy again.</summary>
public sealed class ProxyAfterShutdownTwin : EngineTwin
{
    public override string Id => "managers.proxy-after-shutdown";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var manager = Manager.StartNew(context: context);
        var address = manager.Address!;
        var list = manager.List();
        list.Append(1);
        manager.Shutdown();
        string how;
        var raised = true;
        try
        {
            list.Append(2);
            (raised, how) = (false, "Append returned");
        }
        catch (ManagerError e)
        {
            how = $"{e.GetType().Name}: {e.Message}";
        }
        return new(Observe.Pairs(("raised", raised), ("socket_left", File.Exists(address))), how);
    }
}
