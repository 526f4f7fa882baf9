using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Sync;

public sealed class ConditionNotifyScenario : Scenario
{
    public override string Id => "sync.condition-notify";
    public override string Rule => "Condition.notify() in the parent wakes a child waiting in Condition.wait(), which returns True.";
    public override string Source => "seeds 59.19 Locks (Condition: 'Wait and notify'); CPython docs, multiprocessing.Condition";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("notified=true")];
}
