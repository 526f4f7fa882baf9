using Lab.Systematic.Strategies;
using Lab.Systematic.Traces;

namespace Lab.Systematic.Exploration;

/// <summary>How one iteration ended: its steps, how many operations it created, and the bug or replay mismatch that
/// stopped it (neither: every operation completed).</summary>
public sealed record IterationResult(IReadOnlyList<TraceStep> Steps, int Operations, Bug? Bug, ScheduleMismatchException? Mismatch)
{
    public int Preemptions => Steps.Count(s => s.IsPreemption);
}
