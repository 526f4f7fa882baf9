using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>
/// Base of the pool scenarios (issue #6 §7). The reference is CPython's Lib/multiprocessing/pool.py; the engine's
/// twins are in EngineTwins/Pool/, the Python driver's in scenarios/cpython/twins/pool.py.
/// </summary>
public abstract class PoolScenario : Scenario
{
    /// <summary>The source of every pool scenario (the property scenarios, which derive from PropertyScenario, use it too).</summary>
    public const string PoolSource = "CPython Lib/multiprocessing/pool.py (3.11); multiprocessing docs, 'Process Pools'; issue #6 §7";

    /// <summary>Pools start several workers per case (more under maxtasksperchild): a wider budget than one child's.</summary>
    public static readonly TimeSpan PoolBudget = TimeSpan.FromSeconds(60);

    public override string Source => PoolSource;

    public override TimeSpan Budget => PoolBudget;

    protected static int Int(ScenarioCase @case, string key) => Convert.ToInt32(@case.Params[key], System.Globalization.CultureInfo.InvariantCulture);

    protected static Dictionary<string, object?> P(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
