using Lab.Engine;
using Lab.Engine.Managers;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Managers;

/// <summary>One child appends to a plain list, another to a managed one; the parent counts both.</summary>
public sealed class IsolationVersusManagedTwin : EngineTwin
{
    public override string Id => "managers.isolation-versus-managed";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var manager = Manager.StartNew(context: context);
        using var scope = new ChildScope(context, budget);
        var plain = new List<object?>();
        var managed = manager.List();
        if (Run.ToEnd(scope, ManagerTargets.AppendHelloToPlain, [plain]) is not { ExitCode: 0 }) return Run.Hang("the plain-list child");
        if (Run.ToEnd(scope, ManagerTargets.AppendHello, [managed]) is not { ExitCode: 0 }) return Run.Hang("the managed-list child");
        return new(Observe.Pairs(("plain_len", plain.Count), ("managed_len", managed.Count)));
    }
}
