using System.Globalization;
using System.Text.Json;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// One CPython benchmark run: <c>lab_driver.py bench ID --method M --n N --warmup W --params JSON --timeout S</c>
/// in a fresh interpreter, answered by one JSON line with the unit and the raw samples (scenarios/cpython/bench.py).
/// </summary>
internal static class PythonBench
{
    /// <summary>Per repetition, on top of a fixed minute: generous, since a slow CI machine must not turn a
    /// benchmark into an error; the driver's own deadline is this budget, and the call is killed 10 s later.</summary>
    private static readonly TimeSpan PerRepetition = TimeSpan.FromSeconds(2);

    /// <param name="perRepetition">The bound of one repetition when it holds more than a few operations (start-rate's
    /// 50 sequential starts take seconds each under spawn on a loaded machine); default 2 s.</param>
    public static BenchSeries Run(PythonSubject cpython, string method, string benchmark, BenchPlan plan, IReadOnlyList<(string Key, long Value)> batch,
        TimeSpan? perRepetition = null)
    {
        var budget = TimeSpan.FromSeconds(60) + (perRepetition ?? PerRepetition) * (plan.Samples + plan.Warmup);
        var args = new List<string>
        {
            "bench", benchmark, "--method", method,
            "--n", plan.Samples.ToString(CultureInfo.InvariantCulture),
            "--warmup", plan.Warmup.ToString(CultureInfo.InvariantCulture),
            "--timeout", ((int)budget.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        };
        if (batch.Count > 0)
        {
            args.Add("--params");
            args.Add(JsonSerializer.Serialize(batch.ToDictionary(p => p.Key, p => p.Value)));
        }
        var answer = cpython.Driver.Call(budget + TimeSpan.FromSeconds(10), [.. args])
                     ?? throw new TimeoutException($"the CPython {benchmark} benchmark under {method} did not finish within {budget.TotalSeconds + 10} s and was killed");
        if (!answer.GetProperty("ok").GetBoolean())
            throw new InvalidOperationException($"the CPython driver failed on {benchmark} under {method}: {answer.GetProperty("error").GetString()}");
        var samples = answer.GetProperty("samples").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        return new BenchSeries(cpython.Name, cpython.Version, method, benchmark, BenchCatalog.Params(plan, batch),
            answer.GetProperty("unit").GetString()!, samples);
    }
}
