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
internal interface IEngineScheduler
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

    /// <summary>
    /// Starts <paramref name="body"/> as a thread the scheduler controls, if the caller is controlled; returns null to
    /// let the engine start a real thread (the default). The engine calls it inside its own monitor locks (a queue's
    /// first Put starts the feeder), so an implementation must not reach a scheduling point here: the new thread
    /// becomes runnable at the caller's next point.
    /// </summary>
    IEngineThread? TryStartThread(Action body, string name) => null;

    /// <summary>
    /// <see cref="Monitor.Wait(object)"/> on <paramref name="gate"/>, which the caller holds once, for a controlled
    /// caller: release it, block until <see cref="Pulsed"/> wakes the caller, re-take it, and return true. Return false
    /// to let the engine call Monitor.Wait (the default). Spurious returns are allowed: callers loop on their condition.
    /// </summary>
    bool TryMonitorWait(object gate) => false;

    /// <summary>
    /// The caller is about to block outside the engine's points, on something only an uncontrolled party can end (a
    /// pool worker that has sent its results and reads its channel, with nothing buffered, for the supervisor's next
    /// frame). A scheduler that lets a silent operation count as running would otherwise wait for it; this says it is
    /// not runnable until its next point. Not a scheduling point: the caller blocks right after (the default ignores it).
    /// </summary>
    void BlockingOutside() { }

    /// <summary>Called after <see cref="Monitor.Pulse(object)"/> (<paramref name="all"/>: PulseAll) on
    /// <paramref name="gate"/>, with the gate held: an implementation must not reach a scheduling point here.</summary>
    void Pulsed(object gate, bool all) { }
}

/// <summary>A thread started through <see cref="IEngineScheduler.TryStartThread"/>.</summary>
internal interface IEngineThread
{
    /// <summary>As <see cref="Thread.Join(TimeSpan)"/> (null: forever): whether the thread has ended.</summary>
    bool Join(TimeSpan? timeout);
}
