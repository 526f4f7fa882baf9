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
/// <item>at each scheduling point the highest-priority eligible operation runs; at change point k_i the running
/// operation's priority drops below every initial priority, to i. The index i is the change point's place in the
/// draw, not in time: the k_i are drawn independently, so an operation lowered later may rank below one lowered
/// earlier. (An earlier version ranked them by time, later above earlier; then two workers could never be lowered
/// one after the other and each run again, and PCT missed the depth-3 bug of peterson-swapped in 100,000 iterations
/// while random and DFS found it in tens; reading the paper and Coyote's prioritization, which puts each newly
/// lowered operation last, showed why.)</item>
/// </list>
/// The paper's guarantee: one run finds a bug of depth d with probability at least 1/(n·k^(d−1)), n operations.
/// Values are drawn uniformly (the paper has none). Iteration i draws from its own stream, <c>Mix(seed, i)</c>.
/// </summary>
public sealed class PctStrategy : SchedulingStrategy
{
    private readonly ulong seed;
    private readonly List<int> priorities = [];
    private readonly List<int> changePoints = [];
    private readonly Dictionary<int, int> loweredTo = [];
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
        loweredTo.Clear();
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
        var changePoint = changePoints.IndexOf(context.Step + 1);
        if (changePoint >= 0) Lower(context.Current, changePoint + 1);
        foreach (var operation in priorities)
            if (context.IsEligible(operation)) return operation;
        throw new InvalidOperationException("PCT: an eligible operation has no priority (it was not reported as created)");
    }

    public override int NextValue(ValueContext context) => random.Next(context.MaxExclusive);

    public override void CompleteIteration(int steps) => estimatedLength = Math.Max(estimatedLength, steps);

    /// <summary>Gives <paramref name="operation"/> priority <paramref name="index"/>: below every operation not yet
    /// lowered; among the lowered ones (the tail of <see cref="priorities"/>, highest index first), above those with a
    /// lower index.</summary>
    private void Lower(int operation, int index)
    {
        var at = priorities.IndexOf(operation);
        if (at < 0) return;
        if (loweredTo.Remove(operation)) lowered--;
        priorities.RemoveAt(at);
        var to = priorities.Count - lowered;
        while (to < priorities.Count && loweredTo[priorities[to]] > index) to++;
        priorities.Insert(to, operation);
        loweredTo[operation] = index;
        lowered++;
    }
}
