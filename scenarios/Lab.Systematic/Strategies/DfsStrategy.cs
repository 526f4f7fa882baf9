namespace Lab.Systematic.Strategies;

/// <summary>
/// Bounded exhaustive search: stateless depth-first search over the tree of scheduling decisions (and controlled
/// values), with a preemption bound (Musuvathi &amp; Qadeer, "Iterative context bounding for systematic testing of
/// multithreaded programs", PLDI 2007; loom and CHESS: "2 or 3 catches most bugs"). A preemption is choosing another
/// operation while the running one is still eligible; switching at a block, a completion or a yield is free.
/// <para>
/// Each iteration is one path from the root. The stack of decisions lives in the strategy, so exploration resumes
/// across iterations where the previous one left off: the next iteration replays the prefix up to the deepest decision
/// with an untried alternative and takes that alternative. At each new decision the running operation comes first (so
/// the first path has no preemption at all), then the others in id order. When every alternative within the bound has
/// been tried, <see cref="PrepareIteration"/> returns false: the program has no bug reachable within the bound (and
/// within the step bound).
/// </para>
/// Requires a deterministic program: replaying the prefix must meet the same eligible sets, or the run is reported as
/// not reproducible.
/// </summary>
public sealed class DfsStrategy : SchedulingStrategy
{
    private readonly List<Frame> stack = [];
    private int depth;
    private int preemptions;
    private bool started;

    public DfsStrategy(int preemptionBound)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(preemptionBound);
        PreemptionBound = preemptionBound;
    }

    public int PreemptionBound { get; }

    /// <summary>True once every path within the bound has been explored.</summary>
    public bool IsExhausted { get; private set; }

    public override string Name => $"dfs(pb={PreemptionBound})";

    public override bool PrepareIteration(int iteration)
    {
        if (started) Backtrack();
        started = true;
        depth = 0;
        preemptions = 0;
        return !IsExhausted;
    }

    public override int NextOperation(SchedulingContext context)
    {
        Frame frame;
        if (depth < stack.Count)
        {
            frame = stack[depth];
            if (frame.IsValue || !context.IsEligible(frame.Choices[frame.Index]) || frame.Current != context.Current)
                throw Nondeterministic(context.Step, "a scheduling decision");
        }
        else
        {
            frame = new Frame(Alternatives(context), context.Current, isValue: false);
            stack.Add(frame);
        }
        var choice = frame.Choices[frame.Index];
        if (context.CurrentIsEligible && choice != context.Current) preemptions++;
        depth++;
        return choice;
    }

    public override int NextValue(ValueContext context)
    {
        Frame frame;
        if (depth < stack.Count)
        {
            frame = stack[depth];
            if (!frame.IsValue || frame.Choices.Length != context.MaxExclusive || frame.Current != context.Current)
                throw Nondeterministic(context.Step, "a value");
        }
        else
        {
            frame = new Frame(Enumerable.Range(0, context.MaxExclusive).ToArray(), context.Current, isValue: true);
            stack.Add(frame);
        }
        depth++;
        return frame.Choices[frame.Index];
    }

    /// <summary>The running operation first (no preemption), then, if the bound allows another preemption, the rest.</summary>
    private int[] Alternatives(SchedulingContext context)
    {
        if (!context.CurrentIsEligible) return context.Eligible.ToArray();
        if (preemptions >= PreemptionBound) return [context.Current];
        var choices = new int[context.Eligible.Length];
        choices[0] = context.Current;
        var i = 1;
        foreach (var operation in context.Eligible)
            if (operation != context.Current) choices[i++] = operation;
        return choices;
    }

    private void Backtrack()
    {
        // Decisions beyond this iteration's depth belong to no path any more (the run ended earlier).
        if (stack.Count > depth) stack.RemoveRange(depth, stack.Count - depth);
        while (stack.Count > 0)
        {
            var top = stack[^1];
            if (top.Index + 1 < top.Choices.Length)
            {
                top.Index++;
                return;
            }
            stack.RemoveAt(stack.Count - 1);
        }
        IsExhausted = true;
    }

    private static ScheduleMismatchException Nondeterministic(int step, string what) =>
        new(step + 1, $"DFS replayed its prefix and met a different state at {what}: the program is not deterministic");

    private sealed class Frame(int[] choices, int current, bool isValue)
    {
        public int[] Choices { get; } = choices;

        public int Current { get; } = current;

        public bool IsValue { get; } = isValue;

        public int Index { get; set; }
    }
}
