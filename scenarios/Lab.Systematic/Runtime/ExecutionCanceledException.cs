namespace Lab.Systematic.Runtime;

/// <summary>
/// Thrown out of a scheduling point when the iteration is over (a bug was found elsewhere, or replay diverged), to
/// unwind the operation's stack. Programs under test must let it propagate: catching it and carrying on is outside the
/// model (Coyote's ExecutionCanceledException has the same contract). Any further scheduling point throws it again.
/// </summary>
public sealed class ExecutionCanceledException : Exception
{
    public ExecutionCanceledException()
        : base("the controlled iteration is over; let this exception propagate")
    {
    }
}
