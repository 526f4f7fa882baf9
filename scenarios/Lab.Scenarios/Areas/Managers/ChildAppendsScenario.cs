using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Managers;

/// <summary>The seeds' 59.18 example: a child appends to manager.list() and the parent sees the element.</summary>
public sealed class ChildAppendsScenario : Scenario
{
    public override string Id => "managers.child-appends";
    public override string Rule => "A child that appends to a manager's list through its proxy changes the one list the parent sees.";
    public override string Source => "seeds 59.18 Managers (the manager.list() example); CPython docs, multiprocessing.Manager()";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("parent_sees=hello;child_exitcode=0")];
}
