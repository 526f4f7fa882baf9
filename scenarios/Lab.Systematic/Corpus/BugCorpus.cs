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
/// double-release 25, barrier-reset-race 1, queue-close-race 57, publish-before-init 10), so the portfolio meets it by
/// iteration 4n at the latest; each budget is at least that. The random and PCT members usually find it much sooner
/// (`lab explore corpus` measures it). Every twin has also been explored exhaustively by DFS with bound 2 (a test) and
/// bound 3 without a bug.
/// </para>
/// </summary>
public static class BugCorpus
{
    public static IReadOnlyList<CorpusProgram> All { get; } =
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

    /// <summary>Every program `lab explore` and `lab replay` know by name: the buggy ones, their twins, then the engine
    /// programs (<see cref="Engine.EnginePrograms"/>, issue #5 §2).</summary>
    public static IReadOnlyList<SystematicProgram> Programs { get; } =
        All.Select(p => p.Buggy).Concat(All.Select(p => p.Fixed)).Concat(Engine.EnginePrograms.All.Select(p => p.Program)).ToArray();

    public static SystematicProgram? Find(string name) => Programs.FirstOrDefault(p => p.Name == name);
}
