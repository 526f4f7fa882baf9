using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.SharedMemory;

/// <summary>
/// A finding, not a rule with one answer: without the lock, `value += 1` is a read and a write, and concurrent
/// children lose updates. How many are lost depends on how much the children overlap (CPython's interpreted loop
/// takes long enough to lose hundreds; the engine's compiled loop of 1000 increments takes microseconds and often
/// loses none). Any total from 0 to 4000 confirms the scenario; the observed total is the result, recorded.
/// </summary>
public sealed class UnlockedCounterScenario : Scenario
{
    private const int Max = LockedCounterScenario.Total;

    public override string Id => "shared-memory.unlocked-counter";
    public override string Rule => "Four children each add 1 to a shared Value('i', lock=False) 1000 times without a lock: the total is at most 4000, and updates may be lost.";
    public override string Source => "seeds 59.16 Shared Values and Arrays ('Shared objects need synchronization when mutated from multiple processes')";
    public override ScenarioKind Kind => ScenarioKind.Finding;

    /// <summary>The bound, not a total: an observation of exactly one field, <c>total=N</c>, with 0 &lt;= N &lt;= 4000,
    /// confirms the finding (see <see cref="Matches"/>).</summary>
    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single($"total_at_most={Max}")];

    public override bool Matches(Observation expected, Observation observed) =>
        observed.Fields.Count == 1 && observed.GetInt("total") is { } n && expected.GetInt("total_at_most") is { } max && n >= 0 && n <= max;

    public override string IntendedDivergence =>
        "The number of lost updates is a matter of timing, not a rule: it differs between runs of one subject and between subjects. " +
        $"Any total from 0 to {Max} confirms the finding; the observed totals are the result.";

    public override string IntendedPythonDivergence =>
        "Two Python implementations lose different numbers of unlocked updates: it is a timing race, not a rule " +
        $"(PyPy under fork was measured losing about half of the {Max} updates where CPython lost none on the same machine). " +
        $"Any total from 0 to {Max} confirms the finding on either.";
}
