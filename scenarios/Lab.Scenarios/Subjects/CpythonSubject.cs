using System.Text.Json;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Subjects;

/// <summary>The real CPython multiprocessing, through the driver in scenarios/cpython (one driver run per case,
/// so every case starts from a fresh interpreter, as a user's script would).</summary>
public sealed class CpythonSubject : Subject
{
    public const string SubjectName = "cpython";

    private readonly PythonDriver _driver;

    private CpythonSubject(PythonDriver driver, string version, IReadOnlyList<string> methods)
    {
        _driver = driver;
        Version = version;
        StartMethods = methods;
    }

    public override string Name => SubjectName;

    public override string Version { get; }

    public override IReadOnlyList<string> StartMethods { get; }

    public PythonDriver Driver => _driver;

    /// <summary>Null (with the reason) when python or the driver is missing, or the driver does not answer.</summary>
    public static CpythonSubject? Create(string? python, out string? reason)
    {
        var driver = PythonDriver.Locate(python, out reason);
        if (driver is null) return null;
        var info = driver.Call(TimeSpan.FromSeconds(30), "info");
        if (info is not { } i || !i.GetProperty("ok").GetBoolean())
        {
            reason = $"the CPython driver did not answer 'info' ({driver.Python})";
            return null;
        }
        var methods = i.GetProperty("start_methods").EnumerateArray().Select(m => m.GetString()!).ToArray();
        return new CpythonSubject(driver, i.GetProperty("python_version").GetString()!, methods);
    }

    public override string? NotApplicable(Scenario scenario, string startMethod) =>
        scenario.HasCpythonTwin ? null : "engine-only scenario (no CPython meaning)";

    public override string Expected(Scenario scenario, ScenarioCase @case, string startMethod) =>
        scenario.VersionChanges.FirstOrDefault(c => c.AppliesTo(Name, startMethod))?.ObservedAt(Version)
        ?? scenario.ExpectedOnCpython(@case, startMethod, Version) ?? @case.Expected;

    public override Observation Observe(Scenario scenario, ScenarioCase @case, string startMethod, RunSettings settings) =>
        scenario.RunOnCpython(@case, this, startMethod, settings)
        ?? ObserveTwin(scenario.Id, @case.Params, startMethod, scenario.Budget);

    /// <summary>One run of a twin in a fresh driver process; a twin that outlives the budget (plus the driver's
    /// start-up allowance) is killed with its process tree and observed as a hang.</summary>
    public Observation ObserveTwin(string twin, IReadOnlyDictionary<string, object?> parameters, string startMethod, TimeSpan budget)
    {
        var answer = _driver.Call(budget + TimeSpan.FromSeconds(10),
            "scenario", twin, "--method", startMethod, "--params", ScenarioCase.Json(parameters), "--timeout", Math.Max(1, (int)budget.TotalSeconds).ToString());
        if (answer is not { } a) return new(Observation.Hang, $"the CPython twin did not finish within {budget.TotalSeconds + 10} s and was killed");
        if (!a.GetProperty("ok").GetBoolean())
            throw new InvalidOperationException($"the CPython driver failed: {a.GetProperty("error").GetString()}");
        return new(a.GetProperty("observed").GetString()!, a.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "");
    }
}
