using Lab.Systematic.Strategies;

namespace Lab.Systematic.Exploration;

/// <summary>
/// How to explore one program. <see cref="MaxSteps"/> bounds every iteration: reaching it while operations are still
/// enabled is a liveness violation (Coyote's unfair bound is 10,000 steps; the lab's programs are small, and a smaller
/// bound keeps a livelocked iteration cheap).
/// </summary>
public sealed record ExplorationSettings
{
    /// <summary>random, pct, dfs or portfolio (<see cref="StrategyFactory"/>).</summary>
    public string Strategy { get; init; } = "portfolio";

    public int Iterations { get; init; } = 1000;

    public int MaxSteps { get; init; } = 1000;

    public ulong Seed { get; init; }

    /// <summary>d of <c>--strategy pct</c> (the portfolio runs d=2 and d=3).</summary>
    public int PctDepth { get; init; } = 3;

    /// <summary>The preemption bound of <c>--strategy dfs</c> (the portfolio's DFS uses 2).</summary>
    public int PreemptionBound { get; init; } = 2;

    /// <summary>Minimise a failing schedule before reporting it.</summary>
    public bool Shrink { get; init; } = true;

    /// <summary>Upper bound on shrinking attempts (each is one guided run of the program).</summary>
    public int ShrinkAttempts { get; init; } = 200;

    /// <summary>How long the driver waits for control to come back before it declares uncontrolled blocking.</summary>
    public TimeSpan IterationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public SchedulingStrategy CreateStrategy() => StrategyFactory.Create(Strategy, Seed, PctDepth, PreemptionBound);
}
