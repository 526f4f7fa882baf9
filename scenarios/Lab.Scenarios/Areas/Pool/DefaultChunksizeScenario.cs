using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>
/// The chunks map cuts its input into, observed through maxtasksperchild=1: a worker runs one task (one chunk,
/// pool.py's mapstar) and is replaced, so each run of equal pids in the result is one chunk. The default chunksize is
/// pool.py's <c>chunksize, extra = divmod(len, len(self._pool) * 4); if extra: chunksize += 1</c>.
/// </summary>
public sealed class DefaultChunksizeScenario : PoolScenario
{
    public override string Id => "pool.default-chunksize";
    public override string Rule => "map's default chunksize is ceil(len / (4 × workers)) (divmod plus one), and an explicit chunksize cuts the input into chunks of that size.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
    [
        new("n=10, 2 workers, default", P(("n", 10), ("processes", 2), ("chunksize", null)), "chunks=2,2,2,2,2"),
        new("n=9, 1 worker, default", P(("n", 9), ("processes", 1), ("chunksize", null)), "chunks=3,3,3"),
        new("n=7, 2 workers, default", P(("n", 7), ("processes", 2), ("chunksize", null)), "chunks=1,1,1,1,1,1,1"),
        new("n=10, 2 workers, chunksize 4", P(("n", 10), ("processes", 2), ("chunksize", 4)), "chunks=4,4,2"),
    ];
}
