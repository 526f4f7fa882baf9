using Lab.Engine;

namespace Lab.Scenarios.Benchmarks;

/// <summary>Task of the pool benchmarks: as little work as a task can do (CPython: twins/bench_targets.py trivial).</summary>
public static class PoolBenchTargets
{
    [ProcessTarget]
    public static int Trivial(int x) => x;
}
