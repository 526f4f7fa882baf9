using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>
/// Issue #10 §1. CPython's IMapIterator raises a task's exception at its position and the next next() goes on with the
/// items after it (pool.py IMapIterator.next); imap_unordered delivers every good result and the failure once. The
/// outcome is written item by item: a result, or "!" where next() raised. With a chunksize above 1 a chunk fails as a
/// whole (mapstar stops at its first error), and CPython's imap, which then wraps its iterator in a generator
/// expression, ends at that first error: the engine goes on (its iterator is the same object at every chunksize).
/// </summary>
public sealed class ImapContinuesAfterErrorScenario : PoolScenario
{
    public override string Id => "pool.imap-continues-after-error";
    public override string Rule => "Pool.imap raises a task's exception at its position and goes on with the following results; imap_unordered delivers every good result and each failure once.";

    private const string GoodBefore13 = "0,1,2,3,4,5,6,7,8,9,10,11";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
    [
        new("range(16), raise13, chunksize 1", P(("n", 16), ("processes", 2), ("chunksize", 1)),
            $"imap={GoodBefore13},12,!,14,15;imap_unordered_results=15;imap_unordered_raised=1"),
        new("range(16), raise13, chunksize 3", P(("n", 16), ("processes", 2), ("chunksize", 3)), $"imap={GoodBefore13},!,15"),
    ];

    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && Int(@case, "chunksize") > 1 ? (Observation)$"imap={GoodBefore13},!" : null;

    public override string IntendedDivergence =>
        "with a chunksize above 1, CPython's Pool.imap returns a generator expression over its IMapIterator (pool.py), which ends at the first " +
        "exception and drops every later chunk; the engine's iterator goes on after a failed chunk at every chunksize, so no good result is lost";
}
