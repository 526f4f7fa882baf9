namespace Lab.Systematic.Strategies;

/// <summary>The strategies `lab explore --strategy` names, built from one seed and the bounds.</summary>
public static class StrategyFactory
{
    public static IReadOnlyList<string> Names { get; } = ["random", "pct", "dfs", "portfolio"];

    /// <exception cref="ArgumentException">An unknown name (the message lists the known ones).</exception>
    public static SchedulingStrategy Create(string name, ulong seed, int pctDepth = 3, int preemptionBound = 2) => name switch
    {
        "random" => new RandomStrategy(seed),
        "pct" => new PctStrategy(seed, pctDepth),
        "dfs" => new DfsStrategy(preemptionBound),
        "portfolio" => new PortfolioStrategy(seed),
        _ => throw new ArgumentException($"unknown strategy '{name}': expected one of {string.Join(", ", Names)}", nameof(name)),
    };
}
