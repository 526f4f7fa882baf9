using Lab.Systematic.Exploration;

namespace Lab.Systematic.Traces;

/// <summary>
/// A recorded iteration: what replays it (the program and its steps) and where it came from (strategy, seed, 1-based
/// iteration, step bound). <see cref="Shrunk"/> says the steps are the shrinker's minimised version of what that
/// iteration did, so they replay the bug but are not what the strategy chose.
/// </summary>
public sealed record Schedule(
    string Program,
    string Strategy,
    ulong Seed,
    int Iteration,
    int MaxSteps,
    IReadOnlyList<TraceStep> Steps,
    Bug? Bug,
    bool Shrunk = false)
{
    public int Preemptions => Steps.Count(s => s.IsPreemption);
}
