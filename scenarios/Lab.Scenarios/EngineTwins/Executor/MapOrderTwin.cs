using Lab.Engine;
using Lab.Scenarios.EngineTwins.Pool;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Executor;

/// <summary>Map of Square with chunksizes 1, 4, 100 against the sequential map; Map of Raise13 over a counting input.</summary>
public sealed class MapOrderTwin : ExecutorTwin
{
    public override string Id => "executor.map-order";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var n = Int(@case, "n");
        using var executor = new ProcessPoolExecutor(Int(@case, "workers"), context);
        var pairs = new List<(string, object?)>();
        try
        {
            foreach (var size in new[] { 1, 4, 100 })
                pairs.Add(($"chunksize_{size}", executor.Map<int, int>(PoolFunctions.Square, Enumerable.Range(0, n), size, budget)
                    .SequenceEqual(Enumerable.Range(0, n).Select(x => x * x))));
            var consumed = 0;
            var results = executor.Map<int, int>(PoolFunctions.Raise13, Enumerable.Range(0, n).Select(x => { consumed++; return x; }), timeout: budget);
            var readAtCall = consumed == n;
            var yielded = new List<int>();
            var raised = "none";
            try
            {
                foreach (var value in results) yielded.Add(value);
            }
            catch (Exception e) when (e is not TimeoutException)
            {
                raised = Kind(e);
            }
            pairs.AddRange([("input_read_at_call", readAtCall), ("yielded_before_error", yielded.Count), ("raised", raised)]);
            return new(Observe.Pairs([.. pairs]), $"map(Raise13) yielded {string.Join(",", yielded)} then raised {raised}");
        }
        catch (TimeoutException)
        {
            return Hang("a map", budget);
        }
    }
}
