using System.Text.Json;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Subjects;

/// <summary>
/// A Python implementation of <c>multiprocessing</c>, driven through scenarios/cpython/lab_driver.py: one driver run per
/// case, so every case starts from a fresh interpreter, as a user's script would. Its twins are the driver's
/// (<c>lab_driver.py list</c>). A concrete subject only names itself and its interpreter (CpythonSubject, PypySubject).
/// </summary>
public abstract class PythonSubject : ISubject
{
    private readonly HashSet<string> _scenarios;

    protected PythonSubject(PythonDriver driver)
    {
        Driver = driver;
        var info = driver.Call(TimeSpan.FromSeconds(60), "info");
        if (info is not { } i || !i.GetProperty("ok").GetBoolean())
            throw new SubjectUnavailableException($"the Python driver did not answer 'info' ({driver.Python})");
        Version = i.GetProperty("python_version").GetString()!;
        StartMethods = i.GetProperty("start_methods").EnumerateArray().Select(m => m.GetString()!).ToArray();
        var list = driver.Call(TimeSpan.FromSeconds(60), "list");
        if (list is not { } l || !l.GetProperty("ok").GetBoolean())
            throw new SubjectUnavailableException($"the Python driver did not answer 'list' ({driver.Python})");
        _scenarios = l.GetProperty("scenarios").EnumerateArray().Select(s => s.GetString()!).ToHashSet();
        Benchmarks = l.GetProperty("benchmarks").EnumerateArray().Select(s => s.GetString()!).ToHashSet();
    }

    public abstract string Name { get; }

    public SubjectKind Kind => SubjectKind.Python;

    public string Version { get; }

    public IReadOnlyList<string> StartMethods { get; }

    public PythonDriver Driver { get; }

    public IReadOnlySet<string> Twins => _scenarios;

    /// <summary>The benchmark ids the driver has (bench.py).</summary>
    public IReadOnlySet<string> Benchmarks { get; }

    public string? NotApplicable(string twin, string startMethod) =>
        _scenarios.Contains(twin) ? null : "the Python driver has no twin for this scenario";

    /// <summary>One run of a twin in a fresh driver process; a twin that outlives the budget (plus the driver's
    /// start-up allowance) is killed with its process tree and observed as a hang.</summary>
    public Observation Observe(CaseCall call)
    {
        var answer = Driver.Call(call.Budget + TimeSpan.FromSeconds(10),
            "scenario", call.Twin, "--method", call.StartMethod, "--params", ScenarioCase.Json(call.Params),
            "--timeout", Math.Max(1, (int)call.Budget.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (answer is not { } a)
            return Observation.Hang.WithDetail($"the {Name} twin did not finish within {call.Budget.TotalSeconds + 10} s and was killed");
        if (!a.GetProperty("ok").GetBoolean())
            throw new InvalidOperationException($"the {Name} driver failed: {a.GetProperty("error").GetString()}");
        var detail = a.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
        if (a.TryGetProperty("hang", out var hang) && hang.ValueKind == JsonValueKind.True) return Observation.Hang.WithDetail(detail);
        return Observation.FromJson(a.GetProperty("observed")).WithDetail(detail);
    }

    /// <summary>A subject of <paramref name="create"/>'s type, or null with the reason (missing interpreter or driver, or
    /// a driver that does not answer).</summary>
    protected static T? Create<T>(string? interpreter, string defaultCommand, Func<PythonDriver, T> create, out string? reason) where T : PythonSubject
    {
        var driver = PythonDriver.Locate(interpreter, defaultCommand, out reason);
        if (driver is null) return null;
        try
        {
            return create(driver);
        }
        catch (SubjectUnavailableException e)
        {
            reason = e.Message;
            return null;
        }
    }
}

/// <summary>A subject cannot be used on this machine (its interpreter is missing or does not answer).</summary>
public sealed class SubjectUnavailableException(string message) : Exception(message);
