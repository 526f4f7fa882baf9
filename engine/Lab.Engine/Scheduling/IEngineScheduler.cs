namespace Lab.Engine.Scheduling;

/// <summary>
/// A controlled scheduler as the engine sees it (issue #5 §2 and §3): the engine's coordination logic calls it at
/// its scheduling points and around its futex waits. The engine holds no reference to any scheduler implementation;
/// the lab's systematic tester (scenarios/Lab.Systematic) implements this over its controlled runtime (threads of
/// one process), and the engine's worker implements it over a control channel when a child is started with a
/// scheduler attached (real processes).
/// <para>
/// Implementations decide per calling thread: a thread the scheduler does not control must be let through
/// (<see cref="Point"/> returns at once, <see cref="TryWait"/> returns false), so one attached scheduler does not
/// disturb unrelated engine users in the same process.
/// </para>
/// </summary>
public interface IEngineScheduler
{
    /// <summary>Called before <paramref name="point"/>: the scheduler may run other controlled operations first.</summary>
    void Point(EnginePoint point);

    /// <summary>
    /// A futex wait on <paramref name="word"/> while it holds <paramref name="expected"/>, with
    /// <paramref name="timeout"/> left (null: none). Return false to let the engine do the real futex wait (the
    /// caller is not controlled). Return true once the controlled wait is over: the caller re-checks its condition
    /// and its deadline in a loop, exactly as after a real futex return, so spurious returns are allowed. A
    /// controlled wait that the scheduler lets time out must not return before the deadline has passed in real
    /// time (the caller checks the clock).
    /// </summary>
    bool TryWait(nint word, int expected, TimeSpan? timeout);

    /// <summary>Called after a futex wake of up to <paramref name="count"/> waiters on <paramref name="word"/>.</summary>
    void Woke(nint word, int count);
}
