namespace Lab.Systematic.Seam;

/// <summary>
/// What a program of the seeded-bug corpus may call: spawn and join operations, yield, assert, draw controlled values,
/// and make the shared objects it synchronizes through. A program written against this interface runs, unchanged,
/// under every binding of it: the lab's controlled scheduler (<see cref="Runtime.ControlledRuntime"/>, whose
/// primitives implement the <c>ISeam…</c> interfaces) and Microsoft Coyote's TestingEngine
/// (<c>Lab.Systematic.Coyote</c>: Coyote-controlled tasks, semaphores and scheduling points). So both testers explore
/// the same code, and a difference between their verdicts is a finding about one of them.
/// <para>
/// The contract every binding keeps (the semantics of CPython's <c>threading</c>, as the engine's process primitives):
/// every operation below is a scheduling point that comes before its effect; a lock is not reentrant, may be released
/// by any operation, and releasing an unlocked one throws <see cref="SynchronizationLockException"/>; a condition
/// wakes its waiters in FIFO order with no spurious wake-ups; a semaphore with a bound throws
/// <see cref="SemaphoreFullException"/> when released above it; <see cref="ISeamVariable{T}.Update"/> and
/// <see cref="ISeamVariable{T}.CompareExchange"/> are one atomic step.
/// </para>
/// </summary>
public interface ISchedulingSeam
{
    /// <summary>Starts an operation running <paramref name="body"/>.</summary>
    ISeamOperation Spawn(Action body, string name);

    /// <summary>A scheduling point at which the caller lets another operation run if one can (a polling loop's hint).</summary>
    void Yield();

    /// <summary>Reports a bug and ends the iteration if <paramref name="condition"/> is false.</summary>
    void Assert(bool condition, string message);

    /// <summary>A boolean chosen by the tester (recorded in its trace, replayed with it).</summary>
    bool NextBool();

    /// <summary>An integer in [0, <paramref name="maxExclusive"/>) chosen by the tester.</summary>
    int NextInt(int maxExclusive);

    ISeamLock NewLock(string name);

    /// <summary>A condition variable over <paramref name="lock"/>, which must come from the same seam.</summary>
    ISeamCondition NewCondition(ISeamLock @lock, string name);

    /// <summary>A counting semaphore; with <paramref name="maxCount"/>, a bounded one.</summary>
    ISeamSemaphore NewSemaphore(int initialCount, int? maxCount, string name);

    /// <summary>A shared memory location: every access is a scheduling point.</summary>
    ISeamVariable<T> NewVariable<T>(T initial, string name);
}
