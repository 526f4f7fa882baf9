using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Managers;

/// <summary>The contrast 59.18 draws: a plain list handed to a child is a copy, a managed list is shared.</summary>
public sealed class IsolationVersusManagedScenario : Scenario
{
    public override string Id => "managers.isolation-versus-managed";
    public override string Rule => "A plain list a child appends to stays unchanged in the parent; the same append through a manager's list proxy is seen by the parent.";
    public override string Source => "seeds 59.18 Managers and 59.4 (processes share no memory); CPython docs, 'Sharing state between processes'";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("plain_len=0;managed_len=1")];
}
