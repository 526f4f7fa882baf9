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
        var answer = Call(cpython, method, benchmark, plan, batch.Count > 0 ? batch.ToDictionary(p => p.Key, p => (object)p.Value) : null, perRepetition ?? PerRepetition);
        var samples = answer.GetProperty("samples").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        return new BenchSeries(cpython.Name, cpython.Version, method, benchmark, BenchCatalog.Params(plan, batch),
            answer.GetProperty("unit").GetString()!, samples);
    }

    /// <summary>A sweep benchmark (bench.py's <c>sweep=True</c>): one run measures every point of the sweep and answers
    /// <c>series</c>, each with its own params (the point: size, task count, mode) and samples; one interpreter and one pool
    /// for the whole sweep instead of one per point. <paramref name="perRepetition"/> bounds one repetition of one series.</summary>
    public static IReadOnlyList<(JsonElement Params, string Unit, double[] Samples)> RunSweep(PythonSubject cpython, string method, string benchmark, BenchPlan plan,
        IReadOnlyDictionary<string, object> parameters, int points, TimeSpan perRepetition)
    {
        var answer = Call(cpython, method, benchmark, plan, parameters, perRepetition * points);
        var unit = answer.GetProperty("unit").GetString()!;
        return answer.GetProperty("series").EnumerateArray()
            .Select(s => (s.GetProperty("params").Clone(), unit, s.GetProperty("samples").EnumerateArray().Select(x => x.GetDouble()).ToArray()))
            .ToList();
    }

    /// <summary>A sweep's answer as rows: each point's size (<paramref name="sizeKey"/>) and mode under the params the
    /// engine's rows carry (<paramref name="rowParams"/>); the driver's task count must be the sweep's own.</summary>
    public static IEnumerable<BenchSeries> SweepRows(PythonSubject cpython, string method, string benchmark, BenchPlan plan,
        IReadOnlyDictionary<string, object> parameters, int points, string sizeKey, Func<long, int> tasks, Func<long, string, string> rowParams)
    {
        foreach (var (point, unit, samples) in RunSweep(cpython, method, benchmark, plan, parameters, points, TimeSpan.FromSeconds(30)))
        {
            var size = point.GetProperty(sizeKey).GetInt64();
            var mode = point.GetProperty("mode").GetString()!;
            if (point.GetProperty("tasks").GetInt32() != tasks(size))
                throw new InvalidOperationException($"{benchmark}: the driver ran {point.GetProperty("tasks")} tasks at {sizeKey}={size}, the sweep says {tasks(size)}");
            yield return new BenchSeries(cpython.Name, cpython.Version, method, benchmark, rowParams(size, mode), unit, samples);
        }
    }

    private static JsonElement Call(PythonSubject cpython, string method, string benchmark, BenchPlan plan, IReadOnlyDictionary<string, object>? parameters, TimeSpan perRepetition)
    {
        var budget = TimeSpan.FromSeconds(60) + perRepetition * (plan.Samples + plan.Warmup);
        var args = new List<string>
        {
            "bench", benchmark, "--method", method,
            "--n", plan.Samples.ToString(CultureInfo.InvariantCulture),
            "--warmup", plan.Warmup.ToString(CultureInfo.InvariantCulture),
            "--timeout", ((int)budget.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        };
        if (parameters is not null)
        {
            args.Add("--params");
            args.Add(JsonSerializer.Serialize(parameters));
        }
        var answer = cpython.Driver.Call(budget + TimeSpan.FromSeconds(10), [.. args])
                     ?? throw new TimeoutException($"the CPython {benchmark} benchmark under {method} did not finish within {budget.TotalSeconds + 10} s and was killed");
        if (!answer.GetProperty("ok").GetBoolean())
            throw new InvalidOperationException($"the CPython driver failed on {benchmark} under {method}: {answer.GetProperty("error").GetString()}");
        return answer;
    }
}
