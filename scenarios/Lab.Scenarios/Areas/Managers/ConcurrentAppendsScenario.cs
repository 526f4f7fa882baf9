using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Managers;

/// <summary>N children append k numbered items each to one managed list; every item arrives exactly once.</summary>
public sealed class ConcurrentAppendsScenario : Scenario
{
    public override string Id => "managers.concurrent-appends";
    public override string Rule => "N processes appending k items each through a manager's list proxy leave exactly N*k items, each once: no update is lost.";
    public override string Source => "seeds 59.18 Managers ('process-safe'); CPython managers.py (the server runs each call to completion before replying)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        settings.Quick ? [Case(2, 20), Case(3, 10)] : [Case(2, 50), Case(4, 100), Case(1, 0)];

    private static ScenarioCase Case(int processes, int appends) =>
        new($"{processes}x{appends}", new Dictionary<string, object?> { ["processes"] = processes, ["appends"] = appends }, "count_ok=true;each_once=true");
}
