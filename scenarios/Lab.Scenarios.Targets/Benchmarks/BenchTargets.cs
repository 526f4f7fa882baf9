using Lab.Engine;

namespace Lab.Scenarios.Benchmarks;

/// <summary>The child of start-latency, child-peak-rss and start-rate: a target that does nothing.</summary>
public static class BenchTargets
{
    [ProcessTarget]
    public static void Noop() { }
}
