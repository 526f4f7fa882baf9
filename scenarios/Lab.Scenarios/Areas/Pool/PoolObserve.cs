namespace Lab.Scenarios.Areas.Pool;

/// <summary>Shared vocabulary of the pool observations that the scenarios expect (the twins in
/// scenarios/cpython/twins/pool.py write it; the engine's helpers are in EngineTwins/Pool/PoolTwin.cs).</summary>
public static class PoolObserve
{
    /// <summary>What a CPython twin observes when its pool gives no result within <c>wait</c> seconds (reported as such,
    /// not as a lab hang): a killed worker's task or a failing initializer.</summary>
    public const string Blocked = "outcome=blocked";
}
