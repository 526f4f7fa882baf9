using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Executor;

/// <summary>
/// Base of the ProcessPoolExecutor scenarios (seeds 59.32). The reference is CPython's
/// Lib/concurrent/futures/process.py and _base.py; the engine's twins are in EngineTwins/Executor/, the Python
/// driver's in scenarios/cpython/twins/executor.py (CPython's ProcessPoolExecutor with mp_context for the start method).
/// </summary>
public abstract class ExecutorScenario : Scenario
{
    public override string Source => "seeds 59.32 Relationship to concurrent.futures; CPython Lib/concurrent/futures/process.py and _base.py (3.11)";

    /// <summary>An executor starts its workers per case, as a pool does.</summary>
    public override TimeSpan Budget => Pool.PoolScenario.PoolBudget;
}
