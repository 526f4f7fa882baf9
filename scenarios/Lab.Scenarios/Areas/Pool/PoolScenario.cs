using Lab.Engine;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>
/// Base of the pool scenarios (issue #6 §7). The reference is CPython's Lib/multiprocessing/pool.py. Every pool is
/// disposed (= terminated, like leaving <c>with Pool()</c>) whatever happens, so its workers are killed and reaped;
/// every wait is bounded by the case's budget.
/// </summary>
public abstract class PoolScenario : Scenario
{
    public override string Source => "CPython Lib/multiprocessing/pool.py (3.11); multiprocessing docs, 'Process Pools'; issue #6 §7";

    /// <summary>Pools start several workers per case (more under maxtasksperchild): a wider budget than one child's.</summary>
    public override TimeSpan Budget => TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="body"/> on another thread and waits for it within <paramref name="budget"/>:
    /// IMap enumeration and Join have no timeout of their own in every form. False: it did not finish (the caller
    /// disposes the pool, which ends the blocked call).</summary>
    protected static bool Bounded<T>(Func<T> body, TimeSpan budget, out T value)
    {
        var task = Task.Run(body);
        try
        {
            if (!task.Wait(budget)) { value = default!; return false; }
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        value = task.Result;
        return true;
    }

    protected static int Int(ScenarioCase @case, string key) => Convert.ToInt32(@case.Params[key], System.Globalization.CultureInfo.InvariantCulture);

    protected static int? OptionalInt(ScenarioCase @case, string key) =>
        @case.Params.TryGetValue(key, out var v) && v is not null ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    protected static Dictionary<string, object?> P(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
