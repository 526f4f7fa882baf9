namespace Lab.Systematic.Strategies;

/// <summary>
/// PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, "A Randomized Scheduler with
/// Probabilistic Guarantees of Finding Bugs", ASPLOS 2010), as Coyote's prioritization strategy implements it over
/// scheduling points:
/// <list type="bullet">
/// <item>every operation gets a distinct random priority when it is created (inserted at a uniformly random rank among
/// the operations not yet lowered — the paper's initial priorities d..d+n−1);</item>
/// <item>d−1 change points are drawn uniformly, without repetition, from steps 1..k, where k is the estimated run
/// length: the largest step count of the iterations seen so far (Coyote's estimate; the first iteration, with no
/// estimate yet, has no change points);</item>
/// <item>at each scheduling point the highest-priority eligible operation runs; at the i-th change point the running
/// operation's priority drops below every initial priority (to i, in the paper's numbering: later change points rank
/// above earlier ones).</item>
/// </list>
/// The paper's guarantee: one run finds a bug of depth d with probability at least 1/(n·k^(d−1)), n operations.
/// Values are drawn uniformly (the paper has none). Iteration i draws from its own stream, <c>Mix(seed, i)</c>.
/// </summary>
public sealed class PctStrategy : SchedulingStrategy
{
    private readonly ulong seed;
    private readonly List<int> priorities = [];
    private readonly List<int> changePoints = [];
    private DeterministicRandom random;
    private int lowered;
    private int estimatedLength;

    public PctStrategy(ulong seed, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        this.seed = seed;
        Depth = depth;
        random = new DeterministicRandom(seed);
    }

    /// <summary>The bug depth d the strategy targets: d−1 change points per iteration.</summary>
    public int Depth { get; }

    /// <summary>k, the run length the current iteration's change points were drawn over.</summary>
    public int EstimatedLength => estimatedLength;

    public override string Name => $"pct(d={Depth})";

    public override ulong Seed => seed;

    public override bool PrepareIteration(int iteration)
    {
        random = new DeterministicRandom(DeterministicRandom.Mix(seed, (ulong)iteration));
        priorities.Clear();
        changePoints.Clear();
        lowered = 0;
        var wanted = Math.Min(Depth - 1, estimatedLength);
        while (changePoints.Count < wanted)
        {
            var step = 1 + random.Next(estimatedLength);
            if (!changePoints.Contains(step)) changePoints.Add(step);
        }
        return true;
    }

    public override void OnOperationCreated(int operation) =>
        priorities.Insert(random.Next(priorities.Count - lowered + 1), operation);

    public override int NextOperation(SchedulingContext context)
    {
        if (changePoints.Contains(context.Step + 1)) Lower(context.Current);
        foreach (var operation in priorities)
            if (context.IsEligible(operation)) return operation;
        throw new InvalidOperationException("PCT: an eligible operation has no priority (it was not reported as created)");
    }

    public override int NextValue(ValueContext context) => random.Next(context.MaxExclusive);

    public override void CompleteIteration(int steps) => estimatedLength = Math.Max(estimatedLength, steps);

    /// <summary>Moves <paramref name="operation"/> to the top of the lowered ranks: below every operation not yet
    /// lowered, above those lowered at earlier change points.</summary>
    private void Lower(int operation)
    {
        var at = priorities.IndexOf(operation);
        if (at < 0) return;
        if (at >= priorities.Count - lowered) lowered--;
        priorities.RemoveAt(at);
        priorities.Insert(priorities.Count - lowered, operation);
        lowered++;
    }
}
