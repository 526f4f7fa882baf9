using System.Globalization;
using Lab.Engine;
using Lab.Engine.Serialization;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>
/// Base of the engine's pool twins (issue #6 §7): the reference is CPython's Lib/multiprocessing/pool.py, and the
/// observations use the vocabulary of the Python twins (scenarios/cpython/twins/pool.py). Every pool is disposed
/// (= terminated, like leaving <c>with Pool()</c>) whatever happens, so its workers are killed and reaped; every wait
/// is bounded by the case's budget.
/// </summary>
public abstract class PoolTwin : EngineTwin
{
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

    protected static int Int(CaseCall @case, string key) => @case.Int(key);

    protected static int? OptionalInt(CaseCall @case, string key) =>
        @case.Params.TryGetValue(key, out var v) && v is not null ? ToInt(v) : null;

    protected static int ToInt(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    /// <summary>The exception's kind: ArgumentException is the engine's ValueError (and PoolStateError the
    /// engine's "Pool not running" ValueError); a result that cannot be sent is a serialization error
    /// (CPython's MaybeEncodingError).</summary>
    protected static string Kind(Exception e) => Unwrap(e) switch
    {
        BrokenPoolError => "broken_pool",
        SerializationError => "serialization_error",
        var x when x.Message.Contains("serializ", StringComparison.OrdinalIgnoreCase) => "serialization_error",
        ArgumentException or PoolStateError => "value_error",
        var x => x.GetType().Name,
    };

    protected static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0]) : e;

    /// <summary>The message as the user reads it: .NET appends " (Parameter 'x')" and "Actual value was n." to
    /// argument errors, which CPython's ValueError texts do not have.</summary>
    protected static string Message(Exception e)
    {
        var text = Unwrap(e).Message;
        var cut = text.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0) text = text[..cut];
        var line = text.IndexOfAny(['\r', '\n']);
        return line >= 0 ? text[..line] : text;
    }

    /// <summary>"refused:MESSAGE" if <paramref name="call"/> throws, else "accepted".</summary>
    protected static string Refusal(Action call)
    {
        try
        {
            call();
            return "accepted";
        }
        catch (Exception e)
        {
            return "refused:" + Message(e);
        }
    }

    /// <summary>Waits for an asynchronous result within the budget; a TimeoutException becomes a hang.</summary>
    protected static bool TryGet<T>(AsyncResult<T> result, TimeSpan budget, out T value)
    {
        try
        {
            value = result.Get(budget);
            return true;
        }
        catch (TimeoutException)
        {
            value = default!;
            return false;
        }
    }

    protected static Observation Hang(string what, TimeSpan budget) =>
        new(Observation.Hang, $"{what}: no result within {budget.TotalSeconds:0.#} s");

    /// <summary>Runs of equal values, as "2,2,1": with one task per worker, the chunk sizes.</summary>
    protected static string Runs(IReadOnlyList<int> values)
    {
        var runs = new List<int>();
        for (var i = 0; i < values.Count; i++)
            if (i > 0 && values[i] == values[i - 1]) runs[^1]++;
            else runs.Add(1);
        return string.Join(",", runs);
    }

    /// <summary>A fresh directory for the worker-side files of one case, removed by the caller.</summary>
    protected static DirectoryInfo TempDirectory(string stem) =>
        Directory.CreateTempSubdirectory($"lab-pool-{stem}-");
}
