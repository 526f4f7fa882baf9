using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>Drains imap (and, with chunksize 1, imap_unordered) of raise13 over range(n), writing "!" where next() raised.</summary>
public sealed class ImapContinuesAfterErrorTwin : PoolTwin
{
    public override string Id => "pool.imap-continues-after-error";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var data = Enumerable.Range(0, Int(@case, "n")).ToList();
        var size = Int(@case, "chunksize");
        using var pool = new Engine.Pool(Int(@case, "processes"), context: context);
        var deadline = DateTime.UtcNow + budget;
        if (Drain(pool.IMap<int, int>(PoolFunctions.Raise13, data, size), deadline) is not { } ordered) return Hang("imap", budget);
        var pairs = new List<(string, object?)> { ("imap", string.Join(",", ordered)) };
        if (size == 1)
        {
            if (Drain(pool.IMapUnordered<int, int>(PoolFunctions.Raise13, data, size), deadline) is not { } unordered)
                return Hang("imap_unordered", budget);
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
