using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Queues;

public sealed class JoinDeadlockHazardScenario : Scenario
{
    public override string Id => "queues.join-deadlock-hazard";
    public override string Rule => "A child that put a 1 MiB item cannot exit until it is read: joining it before draining the queue times out; after draining, it joins.";
    public override string Source => "seeds 59.12 Queues; CPython docs, Programming guidelines ('Joining processes that use queues'); lab notes multiprocessing-internals.md section 3";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("joined_before_drain=false;joined_after_drain=true")];
}
