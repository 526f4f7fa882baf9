using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.StartMethods;

/// <summary>
/// The parent sets static state before its first child and again before its second. A forkserver child is forked
/// from the server, so it sees the server's state (the initial value) both times, not the parent's; a spawn child
/// starts clean too; only a fork child (CPython) sees the parent's assignments.
/// </summary>
public sealed class ForkServerServerStateScenario : Scenario
{
    public override string Id => "start-methods.forkserver-server-state";
    public override string Rule => "A forkserver child sees the server's state, not what the parent set before starting it (before the first start or later).";
    public override string Source => "seeds 59.7 forkserver; CPython Lib/multiprocessing/forkserver.py (children fork from the server)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("first_child=initial;second_child=initial")];

    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && startMethod == "fork" ? Observation.Parse("first_child=parent_runtime;second_child=parent_runtime") : null;
}
