using System.Text.RegularExpressions;
using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.SharedMemory;

/// <summary>
/// A finding, not a rule with one answer: without the lock, `value += 1` is a read and a write, and concurrent
/// children lose updates. How many are lost depends on how much the children overlap (CPython's interpreted loop
/// takes long enough to lose hundreds; the engine's compiled loop of 1000 increments takes microseconds and often
/// loses none). Any total from 0 to 4000 confirms the scenario; the observed total is the result, recorded.
/// </summary>
public sealed partial class UnlockedCounterScenario : Scenario
{
    private const int Max = SharedMemoryTargets.Children * SharedMemoryTargets.Increments;

    public override string Id => "shared-memory.unlocked-counter";
    public override string Rule => "Four children each add 1 to a shared Value('i', lock=False) 1000 times without a lock: the total is at most 4000, and updates may be lost.";
    public override string Source => "seeds 59.16 Shared Values and Arrays ('Shared objects need synchronization when mutated from multiple processes')";
    public override ScenarioKind Kind => ScenarioKind.Finding;

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single($"total<={Max}")];

    public override bool Matches(string expected, string observed) =>
        TotalPattern().Match(observed) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var n) && n is >= 0 and <= Max;

    public override string IntendedDivergence =>
        "The number of lost updates is a matter of timing, not a rule: it differs between runs of one subject and between subjects. " +
        $"Any total from 0 to {Max} confirms the finding; the observed totals are the result.";

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var (total, detail) = Counter.Run(context, budget, locked: false);
        return total is null ? Run.Hang(detail) : new(Observe.Pairs(("total", total)), $"{detail}; {Max - total} updates lost");
    }

    [GeneratedRegex("^total=(-?[0-9]+)$")]
    private static partial Regex TotalPattern();
}
