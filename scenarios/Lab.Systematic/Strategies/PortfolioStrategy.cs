namespace Lab.Systematic.Strategies;

/// <summary>
/// The default strategy: round-robin over member strategies, one iteration each, every member with its own seed
/// (Coyote's default is a portfolio too, of random, probabilistic, PCT and delay-bounding; Shuttle has one). Members
/// that are exhausted (a DFS that finished its bound) leave the rotation; the portfolio is exhausted when all are.
/// The members: random, PCT d=2, PCT d=3 (seeds <c>Mix(seed, 1..3)</c>) and DFS with preemption bound 2.
/// </summary>
public sealed class PortfolioStrategy : SchedulingStrategy
{
    private readonly ulong seed;
    private readonly List<Member> members;
    private int next;
    private Member? current;

    public PortfolioStrategy(ulong seed, IReadOnlyList<SchedulingStrategy>? members = null)
    {
        this.seed = seed;
        this.members = (members ?? Default(seed)).Select(s => new Member(s)).ToList();
        if (this.members.Count == 0) throw new ArgumentException("a portfolio needs at least one member", nameof(members));
    }

    public override string Name => "portfolio";

    public override string IterationLabel => current is null ? Name : $"{Name}/{current.Strategy.Name}";

    public override ulong Seed => seed;

    /// <summary>The member strategy that drives the current iteration.</summary>
    public SchedulingStrategy? CurrentMember => current?.Strategy;

    public static IReadOnlyList<SchedulingStrategy> Default(ulong seed) =>
    [
        new RandomStrategy(DeterministicRandom.Mix(seed, 1)),
        new PctStrategy(DeterministicRandom.Mix(seed, 2), depth: 2),
        new PctStrategy(DeterministicRandom.Mix(seed, 3), depth: 3),
        new DfsStrategy(preemptionBound: 2),
    ];

    public override bool PrepareIteration(int iteration)
    {
        for (var tried = 0; tried < members.Count; tried++)
        {
            var member = members[next];
            next = (next + 1) % members.Count;
            if (member.Exhausted) continue;
            if (member.Strategy.PrepareIteration(member.Iterations))
            {
                member.Iterations++;
                current = member;
                return true;
            }
            member.Exhausted = true;
        }
        current = null;
        return false;
    }

    public override int NextOperation(SchedulingContext context) => Current.NextOperation(context);

    public override int NextValue(ValueContext context) => Current.NextValue(context);

    public override void OnOperationCreated(int operation) => Current.OnOperationCreated(operation);

    public override void CompleteIteration(int steps) => Current.CompleteIteration(steps);

    private SchedulingStrategy Current => current?.Strategy ?? throw new InvalidOperationException("the portfolio has no prepared iteration");

    private sealed class Member(SchedulingStrategy strategy)
    {
        public SchedulingStrategy Strategy { get; } = strategy;

        public int Iterations { get; set; }

        public bool Exhausted { get; set; }
    }
}
