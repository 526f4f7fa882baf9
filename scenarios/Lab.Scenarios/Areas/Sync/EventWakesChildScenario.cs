using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Sync;

public sealed class EventWakesChildScenario : Scenario
{
    public override string Id => "sync.event-wakes-child";
    public override string Rule => "Event.set() in the parent wakes a child waiting in Event.wait(), which returns True.";
    public override string Source => "seeds 59.19 Locks (Event: 'One-bit notification'); CPython docs, multiprocessing.Event";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("woken=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
