using Lab.Systematic.Exploration;

namespace Lab.Systematic.Corpus;

/// <summary>
/// The seeded-bug corpus of issue #5 §4: programs with known bugs, each with its corrected twin. The names are what
/// `lab explore` takes; a twin is named with <see cref="CorpusProgram.FixedSuffix"/>.
/// <para>
/// Budgets are in iterations of the portfolio (default settings, step bound 1,000) and are what the test suite checks:
/// the bug is found within the budget and the twin survives the whole budget. They hold for every seed, not just
/// likely: the portfolio's fourth member is DFS with preemption bound 2, which is deterministic and meets each bug at a
/// fixed schedule n (unlocked-counter 10, lost-wakeup 484, missed-signal 7, lock-order-deadlock 51, check-then-act 7,
/// double-release 25, barrier-reset-race 1, queue-close-race 57, publish-before-init 10; peterson-swapped 99, aba-stack 66,
/// bounded-buffer-full 10,477, vector-resize-race 27), so the portfolio meets it by
/// iteration 4n at the latest; each budget is at least that. The random and PCT members usually find it much sooner
/// (`lab explore corpus` measures it). Every twin has also been explored exhaustively by DFS with bound 2 (a test) and
/// bound 3 without a bug.
/// </para>
/// </summary>
public static class BugCorpus
{
    /// <summary>The nine small bugs of issue #5 §4: every strategy of both testers finds each within a few hundred
    /// iterations.</summary>
    public static IReadOnlyList<CorpusProgram> Classic { get; } =
    [
        new("unlocked-counter", "two unlocked read-then-write increments lose an update", BugKind.Assertion, 50, UnlockedCounter.Buggy, UnlockedCounter.Fixed),
        new("lost-wakeup", "if instead of while around Condition.Wait: a woken consumer finds the item taken", BugKind.Assertion, 2000, LostWakeup.Buggy, LostWakeup.Fixed),
        new("missed-signal", "notify between an unlocked check and the wait: the waiter sleeps forever", BugKind.Deadlock, 50, MissedSignal.Buggy, MissedSignal.Fixed),
        new("lock-order-deadlock", "two transfers take two locks in opposite orders", BugKind.Deadlock, 250, LockOrderDeadlock.Buggy, LockOrderDeadlock.Fixed),
        new("check-then-act", "lazy initialisation checks then creates without a lock: created twice", BugKind.Assertion, 50, CheckThenAct.Buggy, CheckThenAct.Fixed),
        new("double-release", "an error path releases a mutex semaphore twice: two workers inside", BugKind.Assertion, 100, DoubleRelease.Buggy, DoubleRelease.Fixed),
        new("barrier-reset-race", "a reusable barrier resets its count late: a fast worker passes the next round alone", BugKind.Assertion, 50, BarrierResetRace.Buggy, BarrierResetRace.Fixed),
        new("queue-close-race", "put checks closed outside the lock: an accepted item is lost by close", BugKind.Assertion, 250, QueueCloseRace.Buggy, QueueCloseRace.Fixed),
        new("publish-before-init", "an object is published before its field is initialised", BugKind.Assertion, 50, PublishBeforeInit.Buggy, PublishBeforeInit.Fixed),
    ];

    /// <summary>
    /// Bugs that need a specific deep interleaving (issue #13 §3), so that the strategies' differences show: a depth-3
    /// mutual exclusion failure, an ABA on a lock-free stack, a bounded-buffer deadlock that needs a full buffer and two
    /// racing consumers, and a window that opens only when a writer is exactly k steps in. Each states its depth, measured:
    /// PCT with Depth − 1 change points finds it, with one fewer it does not (a test).
    /// </summary>
    public static IReadOnlyList<CorpusProgram> Deep { get; } =
    [
        new("peterson-swapped", "Peterson's lock with its flag and turn writes swapped: both workers enter", BugKind.Assertion, 400, PetersonSwapped.Buggy, PetersonSwapped.Fixed, Depth: 3),
        new("aba-stack", "a lock-free stack's pop CAS succeeds on a recycled top (ABA): a node is lost and duplicated", BugKind.Assertion, 300, AbaStack.Buggy, AbaStack.Fixed, Depth: 3),
        new("bounded-buffer-full", "one condition for not-full and not-empty: a full buffer and two racing consumers deadlock", BugKind.Deadlock, 42000, BoundedBufferFull.Buggy, BoundedBufferFull.Fixed, Depth: 2),
        new("vector-resize-race", "a growable array publishes new storage before copying: a reader exactly k steps in reads an empty slot", BugKind.Assertion, 120, VectorResizeRace.Buggy, VectorResizeRace.Fixed, Depth: 2),
    ];

    public static IReadOnlyList<CorpusProgram> All { get; } = [.. Classic, .. Deep];

    /// <summary>Every program `lab explore` and `lab replay` know by name: the buggy ones, their twins, then the engine
    /// programs (<see cref="Engine.EnginePrograms"/>, issue #5 §2).</summary>
    public static IReadOnlyList<SystematicProgram> Programs { get; } =
        All.Select(p => p.Buggy).Concat(All.Select(p => p.Fixed)).Concat(Engine.EnginePrograms.All.Select(p => p.Program)).ToArray();

    public static SystematicProgram? Find(string name) => Programs.FirstOrDefault(p => p.Name == name);
}
