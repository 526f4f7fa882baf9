using Lab.Engine.SharedMemory;
using Lab.Engine.Synchronization;

namespace Lab.Systematic.Processes;

/// <summary>
/// Two children increment a shared counter <see cref="Rounds"/> times each, with a scheduling point before every read
/// and every write of it. <c>processes.locked-counter</c> holds a ProcessLock around each increment (about ten points a
/// child; the second child blocks on the futex when the first holds the lock, so blocking and waking are exercised):
/// never a lost update. It is also the throughput program of issue #5 §6 (2 children). <c>processes.unlocked-counter</c>
/// is the seeded bug: read-modify-write without the lock loses an update under some interleavings.
/// </summary>
public sealed class CounterProgram(bool locked) : ProcessProgram
{
    public const int Rounds = 3;
    public const int Children = 2;

    public static CounterProgram Locked { get; } = new(true);

    public static CounterProgram Unlocked { get; } = new(false);

    public override string Name => locked ? "processes.locked-counter" : "processes.unlocked-counter";

    public override string Description => locked
        ? $"{Children} children increment a shared counter {Rounds} times each under a ProcessLock (no bug; the throughput program)"
        : $"{Children} children increment a shared counter {Rounds} times each without a lock (seeded bug: a lost update)";

    public override int DefaultIterations => locked ? 50 : 100;

    public override ProcessCase Prepare() => new Case(locked);

    private sealed class Case(bool locked) : ProcessCase
    {
        private readonly SharedValue<int> counter = new(0, synchronized: false);
        private readonly ProcessLock? @lock = locked ? new ProcessLock() : null;

        public override IReadOnlyList<ChildSpec> Children =>
            Enumerable.Range(0, CounterProgram.Children).Select(i => new ChildSpec($"incrementer-{i}", ProcessProgramTargets.Increment, [counter, @lock, Rounds])).ToList();

        public override string? Check(IReadOnlyList<ChildOutcome> outcomes)
        {
            var value = Volatile.Read(ref counter.Raw);
            // With faults, a killed child's remaining increments are simply missing: fewer, never more.
            if (outcomes.Any(o => o.Killed))
                return value <= CounterProgram.Children * Rounds ? null : $"the counter is {value}, above {CounterProgram.Children * Rounds}";
            if (outcomes.FirstOrDefault(o => !o.Succeeded) is { } failed) return $"a child failed: {failed}";
            return value == CounterProgram.Children * Rounds ? null : $"lost update: the counter is {value}, expected {CounterProgram.Children * Rounds}";
        }

        public override void Dispose()
        {
            counter.Dispose();
            @lock?.Dispose();
            base.Dispose();
        }
    }
}
