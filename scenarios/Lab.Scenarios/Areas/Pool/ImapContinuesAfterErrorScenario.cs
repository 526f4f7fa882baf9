using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

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

    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) =>
        Int(@case, "chunksize") > 1 ? $"imap={GoodBefore13},!" : null;

    public override string IntendedDivergence =>
        "with a chunksize above 1, CPython's Pool.imap returns a generator expression over its IMapIterator (pool.py), which ends at the first " +
        "exception and drops every later chunk; the engine's iterator goes on after a failed chunk at every chunksize, so no good result is lost";

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var data = Enumerable.Range(0, Int(@case, "n")).ToList();
        var size = Int(@case, "chunksize");
        using var pool = new Engine.Pool(Int(@case, "processes"), context: context);
        var deadline = DateTime.UtcNow + budget;
        if (Drain(pool.IMap<int, int>(PoolFunctions.Raise13, data, size), deadline) is not { } ordered) return PoolObserve.Hang("imap", budget);
        var pairs = new List<(string, object?)> { ("imap", string.Join(",", ordered)) };
        if (size == 1)
        {
            if (Drain(pool.IMapUnordered<int, int>(PoolFunctions.Raise13, data, size), deadline) is not { } unordered)
                return PoolObserve.Hang("imap_unordered", budget);
            pairs.Add(("imap_unordered_results", unordered.Count(x => x != "!")));
            pairs.Add(("imap_unordered_raised", unordered.Count(x => x == "!")));
        }
        return new(Observe.Pairs([.. pairs]), $"imap(raise13, range({data.Count}), {size}) on {Int(@case, "processes")} workers");
    }

    /// <summary>Every outcome in order: a result, or "!" where the iteration raised the task's ArgumentException; null
    /// if the budget ran out.</summary>
    private static List<string>? Drain(IMapIterator<int> iterator, DateTime deadline)
    {
        var seen = new List<string>();
        while (true)
        {
            try
            {
                if (!iterator.TryNext(out var value, deadline - DateTime.UtcNow)) return seen;
                seen.Add(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (ArgumentException)
            {
                seen.Add("!");
            }
            catch (TimeoutException)
            {
                return null;
            }
        }
    }
}
