using Lab.Systematic.Shrinking;
using Lab.Systematic.Traces;

namespace Lab.Systematic.Exploration;

/// <summary>
/// What an exploration did. <see cref="Iterations"/> counts the iterations run, the failing one included (so with a
/// failure it is the number of iterations to the first bug). <see cref="Elapsed"/> covers the iterations only, not
/// shrinking. <see cref="Exhausted"/>: the strategy ran out of schedules (a DFS covered its bound) before the budget.
/// </summary>
public sealed record ExplorationReport(
    string Program,
    string Strategy,
    ulong Seed,
    int Iterations,
    bool Exhausted,
    long TotalSteps,
    TimeSpan Elapsed,
    Failure? Failure)
{
    public double SchedulesPerSecond => Elapsed.TotalSeconds > 0 ? Iterations / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// A bug and its schedules: <see cref="Found"/> as the strategy ran it, <see cref="Reported"/> after shrinking (equal
/// to Found when shrinking is off or found nothing smaller), and the token of the reported one.
/// </summary>
public sealed record Failure(Bug Bug, Schedule Found, Schedule Reported, ShrinkResult? Shrink, string Token)
{
    /// <summary>1-based iteration that found the bug.</summary>
    public int Iteration => Found.Iteration;

    /// <summary>The strategy that found it (a portfolio names its member).</summary>
    public string FoundBy => Found.Strategy;
}

/// <summary>Reported after every iteration (for progress lines); <see cref="Iteration"/> is 1-based.</summary>
public sealed record IterationProgress(int Iteration, string Strategy, int Steps, Bug? Bug);
