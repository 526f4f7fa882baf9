using Lab.Engine;
using Lab.Engine.Serialization;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>Shared vocabulary of the pool observations (the twins in scenarios/cpython/twins/pool.py write the same).</summary>
public static class PoolObserve
{
    /// <summary>What a CPython twin observes when its pool gives no result within <c>wait</c> seconds (reported as such,
    /// not as a lab hang): a killed worker's task or a failing initializer.</summary>
    public const string Blocked = "outcome=blocked";

    /// <summary>The exception's kind: ArgumentException is the engine's ValueError (and PoolStateError the
    /// engine's "Pool not running" ValueError); a result that cannot be sent is a serialization error
    /// (CPython's MaybeEncodingError).</summary>
    public static string Kind(Exception e) => Unwrap(e) switch
    {
        BrokenPoolError => "broken_pool",
        SerializationError => "serialization_error",
        var x when x.Message.Contains("serializ", StringComparison.OrdinalIgnoreCase) => "serialization_error",
        ArgumentException or PoolStateError => "value_error",
        var x => x.GetType().Name,
    };

    public static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0]) : e;

    /// <summary>The message as the user reads it: .NET appends " (Parameter 'x')" and "Actual value was n." to
    /// argument errors, which CPython's ValueError texts do not have.</summary>
    public static string Message(Exception e)
    {
        var text = Unwrap(e).Message;
        var cut = text.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0) text = text[..cut];
        var line = text.IndexOfAny(['\r', '\n']);
        return line >= 0 ? text[..line] : text;
    }

    /// <summary>"refused:MESSAGE" if <paramref name="call"/> throws, else "accepted".</summary>
    public static string Refusal(Action call)
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
    public static bool TryGet<T>(AsyncResult<T> result, TimeSpan budget, out T value)
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

    public static Observation Hang(string what, TimeSpan budget) =>
        new(Observation.Hang, $"{what}: no result within {budget.TotalSeconds:0.#} s");

    /// <summary>Runs of equal values, as "2,2,1": with one task per worker, the chunk sizes.</summary>
    public static string Runs(IReadOnlyList<int> values)
    {
        var runs = new List<int>();
        for (var i = 0; i < values.Count; i++)
            if (i > 0 && values[i] == values[i - 1]) runs[^1]++;
            else runs.Add(1);
        return string.Join(",", runs);
    }

    /// <summary>A fresh directory for the worker-side files of one case, removed by the caller.</summary>
    public static DirectoryInfo TempDirectory(string stem) =>
        Directory.CreateTempSubdirectory($"lab-pool-{stem}-");
}
