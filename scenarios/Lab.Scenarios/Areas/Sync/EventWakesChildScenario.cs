using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Sync;

public sealed class EventWakesChildScenario : Scenario
{
    public override string Id => "sync.event-wakes-child";
    public override string Rule => "Event.set() in the parent wakes a child waiting in Event.wait(), which returns True.";
    public override string Source => "seeds 59.19 Locks (Event: 'One-bit notification'); CPython docs, multiprocessing.Event";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("woken=true")];
}
