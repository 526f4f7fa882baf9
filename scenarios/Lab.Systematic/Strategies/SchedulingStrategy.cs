namespace Lab.Systematic.Strategies;

/// <summary>
/// Decides, at every scheduling point of an iteration, which operation runs next (and every controlled value).
/// The contract that makes runs reproducible (Coyote's exploration strategies have the same one): a strategy's
/// decisions depend only on its construction arguments (seed, bounds) and on the decisions and observations of the
/// iterations it has seen, never on time, threads or global state. So the same seed and strategy, run over the same
/// deterministic program, give the same schedule in every iteration.
/// </summary>
public abstract class SchedulingStrategy
{
    /// <summary>The strategy and its parameters, e.g. <c>pct(d=3)</c>; what traces and tokens record.</summary>
    public abstract string Name { get; }

    /// <summary>The name of the strategy that drives the current iteration (a portfolio names its member).</summary>
    public virtual string IterationLabel => Name;

    /// <summary>The seed the strategy was built with (0 for strategies that do not draw random numbers).</summary>
    public virtual ulong Seed => 0;

    /// <summary>Prepares iteration <paramref name="iteration"/> (0-based, consecutive).</summary>
    /// <returns>false when the strategy has nothing left to explore (an exhausted DFS); the exploration then stops.</returns>
    public abstract bool PrepareIteration(int iteration);

    /// <summary>Returns one of <see cref="SchedulingContext.Eligible"/>.</summary>
    /// <exception cref="ScheduleMismatchException">A strategy that follows a recorded schedule met a different program state.</exception>
    public abstract int NextOperation(SchedulingContext context);

    /// <summary>Returns a value in [0, MaxExclusive).</summary>
    /// <exception cref="ScheduleMismatchException">As for <see cref="NextOperation"/>.</exception>
    public abstract int NextValue(ValueContext context);

    /// <summary>An operation was created (the main operation 0 at the start of every iteration, then every spawn).</summary>
    public virtual void OnOperationCreated(int operation)
    {
    }

    /// <summary>The iteration ended after <paramref name="steps"/> steps (a bug or not).</summary>
    public virtual void CompleteIteration(int steps)
    {
    }
}

/// <summary>
/// A strategy that follows a recorded schedule found the program somewhere else: a different operation at the point,
/// a different kind of scheduling point, or a recorded choice that is not eligible. <see cref="Step"/> is 1-based.
/// </summary>
public sealed class ScheduleMismatchException(int step, string reason)
    : Exception($"trace is not reproducible at step {step}: {reason}")
{
    public int Step { get; } = step;

    public string Reason { get; } = reason;
}
