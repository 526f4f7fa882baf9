using Lab.Systematic.Runtime;

namespace Lab.Systematic.Strategies;

/// <summary>
/// One scheduling decision. <see cref="Eligible"/> holds the ids of the operations that may run next, ascending; it is
/// never empty. The current operation is in it unless it is blocked, completed, or yielding while others are enabled.
/// Choosing another operation while <see cref="CurrentIsEligible"/> is a preemption.
/// </summary>
public readonly ref struct SchedulingContext(int step, int current, SchedulingPointKind kind, bool currentIsEligible, ReadOnlySpan<int> eligible)
{
    /// <summary>0-based index of this step within the iteration.</summary>
    public int Step { get; } = step;

    public int Current { get; } = current;

    public SchedulingPointKind Kind { get; } = kind;

    public bool CurrentIsEligible { get; } = currentIsEligible;

    public ReadOnlySpan<int> Eligible { get; } = eligible;

    public bool IsEligible(int operation) => Eligible.BinarySearch(operation) >= 0;
}

/// <summary>A controlled value: the running operation asks for a value in [0, <see cref="MaxExclusive"/>).</summary>
public readonly record struct ValueContext(int Step, int Current, int MaxExclusive, bool IsBool);
