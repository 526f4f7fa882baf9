using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Sync;

/// <summary>A child waits on an Event; the parent sets it and reports what the child's Wait returned.</summary>
public sealed class EventWakesChildTwin : EngineTwin
{
    public override string Id => "sync.event-wakes-child";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        using var @event = new ProcessEvent();
        var (p, mine) = scope.StartConnected(SyncTargets.WaitEvent, @event);
        if (!Expect.Message(mine, scope, p, "the child's 'waiting'", out _, out var failure)) return failure!;
        @event.Set();
        if (!Expect.Message(mine, scope, p, "the child's Wait() result", out var woken, out failure)) return failure!;
        if (!scope.Join(p)) return Run.Hang("the waiting child");
        return new(Observe.Pairs(("woken", woken)), $"child's Wait returned {woken} after Set(); exit code {p.ExitCode}");
    }
}
