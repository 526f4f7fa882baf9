using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Sync;

/// <summary>A child waits on a Condition; the parent notifies it and reports what its Wait returned.</summary>
public sealed class ConditionNotifyTwin : EngineTwin
{
    public override string Id => "sync.condition-notify";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        using var condition = new ProcessCondition();
        var (p, mine) = scope.StartConnected(SyncTargets.WaitCondition, condition);
        if (!Expect.Message(mine, scope, p, "the child's 'waiting'", out _, out var failure)) return failure!;
        // The child said "waiting" holding the lock: acquiring it here means the child is inside Wait.
        if (!condition.Acquire(timeout: scope.Remaining)) return Run.Hang("the condition's lock");
        try { condition.Notify(); }
        finally { condition.Release(); }
        if (!Expect.Message(mine, scope, p, "the child's Wait() result", out var notified, out failure)) return failure!;
        if (!scope.Join(p)) return Run.Hang("the waiting child");
        return new(Observe.Pairs(("notified", notified)), $"child's Wait returned {notified} after Notify(); exit code {p.ExitCode}");
    }
}
