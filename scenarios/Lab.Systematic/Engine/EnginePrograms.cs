using Lab.Systematic.Exploration;

namespace Lab.Systematic.Engine;

/// <summary>
/// The engine-level programs `lab explore` knows (names start with <c>engine.</c>). One is a seeded bug
/// (<c>engine.condition-lost-wakeup</c>), which proves the seam exposes real interleavings of the engine's code; the
/// others are correct and are explored without a bug. Budgets and bounds are what the tests check
/// (scenarios/Lab.Systematic.Tests/EngineSeamTests.cs).
/// </summary>
public static class EnginePrograms
{
    public static IReadOnlyList<EngineProgram> All { get; } =
    [
        new("engine.lock-mutual-exclusion", "two threads increment a counter (read, yield, write) under a ProcessLock", null, 300, 2, LockPrograms.MutualExclusion),
        new("engine.rlock-reentrancy", "two threads take a ProcessRLock twice each, increment under it, release level by level", null, 300, 2, LockPrograms.Reentrancy),
        new("engine.semaphore-bound", "three threads share a ProcessSemaphore(2): never more than two inside", null, 300, 1, SemaphorePrograms.SemaphoreBound),
        new("engine.bounded-semaphore", "two threads share a ProcessBoundedSemaphore(1); a release above the bound raises", null, 300, 2, SemaphorePrograms.BoundedSemaphore),
        new("engine.event-set-clear-wait", "two waiters loop on ProcessEvent.Wait while a setter sets, clears and sets", null, 300, 2, EventProgram.SetClearWait),
        new("engine.condition-producer-consumer", "two consumers wait with while on a ProcessCondition; a producer puts two items", null, 300, 1, ConditionPrograms.ProducerConsumer),
        new("engine.condition-lost-wakeup", "seeded bug: consumers wait with if instead of while; a woken consumer finds the item taken", BugKind.Assertion, 300, 1, ConditionPrograms.LostWakeup),
        new("engine.barrier-rounds", "three parties pass a ProcessBarrier twice; nobody leaves a round before all arrived", null, 300, 1, BarrierProgram.ThreePartiesTwoRounds),
        new("engine.executor-futures", "a caller cancels two executor futures while the supervisor starts, completes or aborts them (a worker died)", null, 300, 2, ExecutorFutureProgram.CancelCompleteBreak),
        new("engine.queue-feeder", "a ProcessQueue's feeder thread runs controlled: two puts, a polling consumer, close and join", null, 300, 2, QueueFeederProgram.PutGetCloseJoin),
    ];

    public static EngineProgram? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
