using Lab.Systematic.Runtime;
using Lab.Systematic.Strategies;
using Lab.Systematic.Traces;

namespace Lab.Systematic.Processes;

/// <summary>How faults are injected: none, SIGKILL of one process at each of its points in turn, or seeded random kills.</summary>
public enum FaultMode
{
    None,
    EveryPoint,
    Random,
}

/// <summary>The state a fault decision sees: the step, the process whose point it is, and for every process whether it is
/// paused at a point (alive, not running) and how many points it has reached.</summary>
public readonly ref struct FaultContext(int step, int current, SchedulingPointKind kind, ReadOnlySpan<bool> paused, ReadOnlySpan<int> points)
{
    public int Step { get; } = step;

    public int Current { get; } = current;

    public SchedulingPointKind Kind { get; } = kind;

    public ReadOnlySpan<bool> Paused { get; } = paused;

    public ReadOnlySpan<int> Points { get; } = points;
}

/// <summary>
/// Fault injection as a scheduling choice (issue #5 §3): before every scheduling decision the plan may name a process to
/// SIGKILL there. A kill is recorded as a trace step (<c>op(C),sp(K),kill(V)</c>), so it replays like any decision. Plans
/// follow the strategies' contract: decisions depend only on the seed, the iteration and what was observed.
/// </summary>
public abstract class FaultPlan
{
    public abstract string Name { get; }

    /// <summary>Prepares iteration <paramref name="iteration"/>; false when the plan has nothing left to try.</summary>
    public virtual bool PrepareIteration(int iteration) => true;

    /// <summary>The process to kill now, or -1.</summary>
    public abstract int Decide(FaultContext context);

    /// <summary>The iteration ended; <paramref name="killed"/>: this plan's kill happened in it.</summary>
    public virtual void CompleteIteration(bool killed)
    {
    }

    public static FaultPlan Create(FaultMode mode, int victim, ulong seed, double probability = 0.05) => mode switch
    {
        FaultMode.None => new NoFaults(),
        FaultMode.EveryPoint => new KillAtEveryPoint(victim),
        FaultMode.Random => new RandomKills(seed, probability),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}

public sealed class NoFaults : FaultPlan
{
    public override string Name => "no-faults";

    public override int Decide(FaultContext context) => -1;
}

/// <summary>
/// The deterministic enumeration "kill process P at every point": iteration i kills P when it is paused at its i-th point
/// (0 = its start, before the target runs), for i = 0, 1, 2, … until an iteration in which P completed before reaching
/// point i; then the plan is exhausted.
/// </summary>
public sealed class KillAtEveryPoint(int victim) : FaultPlan
{
    private int target = -1;
    private bool exhausted;

    public override string Name => $"kill-every-point(op {victim})";

    public int Victim => victim;

    /// <summary>The point index iteration <c>i</c> kills at (i itself).</summary>
    public int TargetPoint => target;

    public override bool PrepareIteration(int iteration)
    {
        target = iteration;
        return !exhausted;
    }

    public override int Decide(FaultContext context) =>
        victim < context.Paused.Length && context.Paused[victim] && context.Points[victim] - 1 == target ? victim : -1;

    public override void CompleteIteration(bool killed)
    {
        if (!killed) exhausted = true;
    }
}

/// <summary>At most one kill per iteration: at each decision, with probability p, a uniformly chosen paused process
/// (stream <c>Mix(seed, iteration)</c>, as the random strategy).</summary>
public sealed class RandomKills(ulong seed, double probability) : FaultPlan
{
    private DeterministicRandom random = new(seed);
    private bool fired;

    public override string Name => $"random-kills(p={probability})";

    public override bool PrepareIteration(int iteration)
    {
        random = new DeterministicRandom(DeterministicRandom.Mix(DeterministicRandom.Mix(seed, 0x6b696c6c), (ulong)iteration));
        fired = false;
        return true;
    }

    public override int Decide(FaultContext context)
    {
        if (fired || random.Next(1_000_000) >= probability * 1_000_000) return -1;
        var candidates = new List<int>();
        for (var i = 0; i < context.Paused.Length; i++)
            if (context.Paused[i]) candidates.Add(i);
        if (candidates.Count == 0) return -1;
        fired = true;
        return candidates[random.Next(candidates.Count)];
    }
}

/// <summary>Follows the kill steps of a recorded schedule, checking each (the same point of the same process, a victim
/// that is paused there); a recorded kill that the program does not reach is caught by the strategy's replay.</summary>
public sealed class ReplayFaults(IReadOnlyList<TraceStep> steps) : FaultPlan
{
    public override string Name => "replay";

    public override int Decide(FaultContext context)
    {
        if (context.Step >= steps.Count || steps[context.Step].Type != StepType.Kill) return -1;
        var expected = steps[context.Step];
        var n = context.Step + 1;
        if (expected.Operation != context.Current || expected.Kind != context.Kind)
            throw new ScheduleMismatchException(n, $"expected {expected}, but the program is at op({context.Current}),sp({context.Kind})");
        if (expected.Choice >= context.Paused.Length || !context.Paused[expected.Choice])
            throw new ScheduleMismatchException(n, $"expected {expected}, but op {expected.Choice} is not paused at a point");
        return expected.Choice;
    }
}
