using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Executor;

/// <summary>map(square, range(30)) with chunksizes 1, 4, 100 equals the sequential map; map(raise13, ...) reads its
/// whole input at the call (_base.py Executor.map: <c>fs = [self.submit(fn, *args) for args in zip(*iterables)]</c>)
/// but yields lazily: the 13 results before the failing item, then the item's ValueError.</summary>
public sealed class MapOrderScenario : ExecutorScenario
{
    public override string Id => "executor.map-order";
    public override string Rule => "Executor.map yields results in input order for any chunksize; it submits everything at the call and raises a failed item at its position, after the results before it.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
    [
        new("range(30), 2 workers", new Dictionary<string, object?> { ["n"] = 30, ["workers"] = 2 },
            "chunksize_1=true;chunksize_4=true;chunksize_100=true;input_read_at_call=true;yielded_before_error=13;raised=value_error"),
    ];
}
