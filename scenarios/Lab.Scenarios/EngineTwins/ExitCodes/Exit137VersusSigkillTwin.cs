using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.ExitCodes;

/// <summary>One child exits with 137 and another is killed by SIGKILL; the parent reads both exit codes.</summary>
public sealed class Exit137VersusSigkillTwin : EngineTwin
{
    public override string Id => "exit-codes.exit-137-vs-sigkill";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var exited = Run.ToEnd(scope, ExitCodeTargets.Exit, [137]);
        var killed = Run.ReadyThen(scope, ExitCodeTargets.ReadyThenBlock, child => child.Kill());
        return exited is null || killed is null ? Run.Hang("a child") : new(Observe.Pairs(("exit137", exited.ExitCode), ("sigkill", killed.ExitCode)));
    }
}
