using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Sync;

public sealed class CooperativeShutdownEventScenario : Scenario
{
    public override string Id => "sync.cooperative-shutdown-event";
    public override string Rule => "A worker that loops until a stop Event is set, holding a lock briefly per iteration, stops when the parent sets the event: its finally runs and the lock is left free.";
    public override string Source => "seeds 59.21 Termination ('Prefer cooperative shutdown': while not stop.is_set()); 59.19 Locks";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("finally_ran=true;lock_free=true")];
}
