using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>
/// The initializer raises in every worker. CPython's pool.py replaces each worker that dies in its initializer
/// (_maintain_pool -> _repopulate_pool) for ever, and the pending task never runs: its twin sees no result within
/// <c>wait</c> seconds (observed <c>outcome=blocked</c>). The engine reports the failure once, naming the initializer.
/// </summary>
public sealed class FailingInitializerScenario : PoolScenario
{
    public override string Id => "pool.failing-initializer";
    public override string Rule => "A pool whose initializer fails reports an error naming the initializer and is broken; it does not respawn workers for ever.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("initializer raises", P(("wait", 3.0)), "raised=broken_pool;names_initializer=true")];

    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python ? (Observation)PoolObserve.Blocked : null;

    public override string IntendedDivergence =>
        "CPython's pool respawns a worker whose initializer raised, for ever, and the submitted task never completes " +
        "(pool.py _maintain_pool; bpo-22393 family): the twin observes outcome=blocked after its wait. The engine reports the first " +
        "initializer failure (naming it, the exit code and the exception) and breaks the pool instead of looping.";
}
