using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

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

    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) => PoolObserve.Blocked;

    public override string IntendedDivergence =>
        "CPython's pool respawns a worker whose initializer raised, for ever, and the submitted task never completes " +
        "(pool.py _maintain_pool; bpo-22393 family): the twin observes outcome=blocked after its wait. The engine reports the first " +
        "initializer failure (naming it, the exit code and the exception) and breaks the pool instead of looping.";

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var pool = new Engine.Pool(1, (Action)PoolFunctions.InitFails, context: context);
        try
        {
            if (!PoolObserve.TryGet(pool.ApplyAsync<int>((Func<int, int>)PoolFunctions.Square, [3]), budget, out var value))
                return PoolObserve.Hang("apply on a pool whose initializer fails", budget);
            return new(Observe.Pairs(("result", value)), "the task ran");
        }
        catch (Exception e)
        {
            var text = PoolObserve.Unwrap(e).Message;
            return new(Observe.Pairs(("raised", PoolObserve.Kind(e)), ("names_initializer", text.Contains(nameof(PoolFunctions.InitFails), StringComparison.Ordinal))), text);
        }
    }
}
