using Lab.Systematic.Traces;

namespace Lab.Systematic.Strategies;

/// <summary>
/// Follows a candidate schedule as far as it fits and never fails; the shrinker uses it to try edited schedules. A
/// decision is anchored to the operation that makes it and to how many decisions that operation has made before
/// (its k-th scheduling point or value), not to the global step number, so removing one preemption does not shift
/// every later decision onto the wrong event (the context-switch representation CHESS-style shrinkers use). Where the
/// candidate has no applicable decision (none recorded, not eligible, wrong type), it does not preempt: it keeps the
/// current operation if it is eligible, else runs the lowest eligible id; values default to 0. What actually ran is
/// recorded, and only that is reported (after a strict replay).
/// </summary>
public sealed class GuidedStrategy : SchedulingStrategy
{
    private readonly Dictionary<(int Operation, int Local), TraceStep> decisions = [];
    private readonly Dictionary<int, int> made = [];

    public GuidedStrategy(IEnumerable<TraceStep> candidate)
    {
        var counts = new Dictionary<int, int>();
        foreach (var step in candidate) decisions[Anchor(step.Operation, counts)] = step;
    }

    public override string Name => "guided";

    public override bool PrepareIteration(int iteration)
    {
        made.Clear();
        return true;
    }

    public override int NextOperation(SchedulingContext context)
    {
        if (decisions.TryGetValue(Anchor(context.Current, made), out var step) && step.Type == StepType.Schedule && context.IsEligible(step.Choice))
            return step.Choice;
        return context.CurrentIsEligible ? context.Current : context.Eligible[0];
    }

    public override int NextValue(ValueContext context)
    {
        if (decisions.TryGetValue(Anchor(context.Current, made), out var step) && step.Type != StepType.Schedule && step.Choice < context.MaxExclusive)
            return step.Choice;
        return 0;
    }

    private static (int, int) Anchor(int operation, Dictionary<int, int> count)
    {
        count.TryGetValue(operation, out var n);
        count[operation] = n + 1;
        return (operation, n);
    }
}
