using Lab.Engine;
using Lab.Engine.Managers;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Managers;

/// <summary>Connects to the manager's socket with a random key (CPython's Client(address, authkey=b'wrong')).</summary>
public sealed class UnauthenticatedRefusedTwin : EngineTwin
{
    public override string Id => "managers.unauthenticated-refused";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var manager = Manager.StartNew(context: context);
        string raised, how;
        try
        {
            ManagerConnection.Open(new ManagerEndpoint(manager.Address!, Challenge.NewKey())).Dispose();
            (raised, how) = ("none", "the connection was accepted");
        }
        catch (Exception e)
        {
            (raised, how) = (ManagerTargets.RaisedName(e), $"{e.GetType().Name}: {e.Message}");
        }
        // A new proxy opens a new connection: the server still accepts and authenticates after the refusal.
        var list = manager.List();
        list.Append("mine");
        return new(Observe.Pairs(("raised", raised), ("serves_after", list.Count == 1)), how);
    }
}
