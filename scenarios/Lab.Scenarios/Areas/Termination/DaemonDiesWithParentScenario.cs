using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Termination;

public sealed class DaemonDiesWithParentScenario : Scenario
{
    public override string Id => "termination.daemon-dies-with-parent";
    public override string Rule => "A daemon child does not outlive its parent, even when the parent is killed with SIGKILL (no orphan keeps running).";
    public override string Source => "seeds 59.20 Daemon Processes ('terminated when the parent process exits'); DESIGN.md, The engine";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("daemon_alive_after_parent_sigkill=false")];

    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python ? (Observation)"daemon_alive_after_parent_sigkill=true" : null;

    public override string IntendedDivergence =>
        "CPython terminates daemon children only in its atexit handler, so a parent killed by SIGKILL leaves them running; " +
        "the engine's daemons also set PR_SET_PDEATHSIG, so the kernel kills them with their parent.";
}
