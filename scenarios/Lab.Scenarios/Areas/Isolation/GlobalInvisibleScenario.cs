using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Isolation;

public sealed class GlobalInvisibleScenario : Scenario
{
    public override string Id => "isolation.global-invisible";
    public override string Rule => "A child that changes module-level (static) state does not change the parent's.";
    public override string Source => "seeds 59.2 Process Isolation; 59.34 'Assuming globals are shared'";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("parent_global_unchanged=true;child_exitcode=0")];
}
