using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lab.Engine.Scheduling;
using Lab.Systematic.Runtime;

namespace Lab.Systematic.Engine;

/// <summary>
/// The engine's scheduler seam (<see cref="IEngineScheduler"/>, issue #5 §2) over <see cref="ControlledRuntime"/>:
/// the engine's own coordination code (futex locks, semaphores, events, conditions, barriers, the queue feeder) runs as
/// controlled operations, and every atomic step on a shared word is a scheduling point.
/// <para>
/// It routes per calling thread: a thread that is not the carrier of the controlled operation holding the token passes
/// through (<see cref="IEngineScheduler.Point"/> returns, <see cref="TryWait"/> returns false, so the engine does the real futex wait), so
/// one installed adapter does not disturb other engine users of the process (xunit runs test classes in parallel).
/// </para>
/// <para>
/// The futex model: FUTEX_WAIT(word, expected) is one step (a <c>Wait</c> point, then the check): if the word no longer
/// holds <c>expected</c> it returns at once (EAGAIN); otherwise the operation blocks on the word's wait queue. A
/// FUTEX_WAKE(word, n) is one step (a <c>Notify</c> point) that enables the n oldest waiters of that word: the kernel
/// queues waiters of equal priority in arrival order (kernel/futex/waitwake.c, futex_wake walks the hash bucket's plist).
/// Untimed waiters that nobody wakes are a deadlock whose report names the word and the value it waits on. A timed wait
/// blocks like an untimed one, but when every operation is blocked the runtime lets the oldest timed waiter time out
/// (<see cref="ControlledRuntime.BlockOnTimed"/>); the waiter then sleeps until its real deadline has passed before it
/// returns, because the engine re-checks the clock (<see cref="IEngineScheduler.TryWait"/>'s contract).
/// </para>
/// </summary>
public sealed class EngineSchedulerAdapter : IEngineScheduler
{
    private static readonly Lock InstallGate = new();
    private static EngineSchedulerAdapter? installed;

    private readonly ConditionalWeakTable<ControlledRuntime, WaitQueues> queues = new();

    private EngineSchedulerAdapter()
    {
    }

    /// <summary>Attaches the adapter to the engine of this process, once (later calls return the same adapter). It
    /// stays attached for the life of the process: it costs uncontrolled callers one thread-static read per hook.</summary>
    /// <exception cref="InvalidOperationException">Another engine scheduler is attached.</exception>
    public static EngineSchedulerAdapter Install()
    {
        lock (InstallGate)
        {
            if (installed is not null) return installed;
            var adapter = new EngineSchedulerAdapter();
            EngineScheduling.Attach(adapter);
            installed = adapter;
            return adapter;
        }
    }

    /// <summary>Engine hooks (points, futex waits and wakes) reached by controlled operations since the process started
    /// (a diagnostic that shows the hooks are live).</summary>
    public static long PointsReached => Interlocked.Read(ref pointsReached);

    private static long pointsReached;

    void IEngineScheduler.Point(EnginePoint point)
    {
        if (Caller() is not { } me) return;
        Interlocked.Increment(ref pointsReached);
        me.Runtime.SchedulingPoint(Map(point));
    }

    public bool TryWait(nint word, int expected, TimeSpan? timeout)
    {
        if (Caller() is not { } me) return false;
        Interlocked.Increment(ref pointsReached);
        var runtime = me.Runtime;
        var started = Environment.TickCount64;
        runtime.SchedulingPoint(SchedulingPointKind.Wait);
        // Only the token holder runs, so the check and the block below are one atomic step, as in the kernel.
        if (Marshal.ReadInt32(word) != expected) return true;
        var queue = QueuesOf(runtime).ForWord(word);
        var waiter = queue.Add(me, $"to change from {expected} (FUTEX_WAIT{(timeout is null ? "" : " with a timeout")})");
        try
        {
            if (timeout is not { } t)
            {
                runtime.BlockOn(waiter, SchedulingPointKind.Wait);
                return true;
            }
            if (!runtime.BlockOnTimed(waiter, SchedulingPointKind.Wait)) RealTime.WaitOut(started, t);
            return true;
        }
        finally
        {
            queue.Remove(waiter);
        }
    }

    public void Woke(nint word, int count)
    {
        if (Caller() is not { } me) return;
        Interlocked.Increment(ref pointsReached);
        me.Runtime.SchedulingPoint(SchedulingPointKind.Notify);
        if (QueuesOf(me.Runtime).FindWord(word) is { } queue) queue.WakeOldest(me.Runtime, count);
    }

    IEngineThread? IEngineScheduler.TryStartThread(Action body, string name)
    {
        if (Caller() is not { } me) return null;
        return new ControlledEngineThread(me.Runtime.SpawnWithoutPoint(body, name));
    }

    /// <summary>Monitor.Wait for a controlled caller: the monitor is released (the caller holds it once: the feeder's
    /// buffer lock), the caller blocks on the gate's queue until <see cref="Pulsed"/>, then re-takes the monitor, which
    /// is free because no controlled operation reaches a scheduling point while holding an engine monitor.</summary>
    public bool TryMonitorWait(object gate)
    {
        if (Caller() is not { } me) return false;
        var queue = QueuesOf(me.Runtime).ForGate(gate);
        var waiter = queue.Add(me, "to be pulsed (Monitor.Wait)");
        Monitor.Exit(gate);
        try
        {
            me.Runtime.BlockOn(waiter, SchedulingPointKind.Wait);
        }
        finally
        {
            queue.Remove(waiter);
            Monitor.Enter(gate);
        }
        return true;
    }

    /// <summary>No scheduling point here: the caller holds the monitor.</summary>
    public void Pulsed(object gate, bool all)
    {
        if (Caller() is not { } me) return;
        if (QueuesOf(me.Runtime).FindGate(gate) is { } queue) queue.WakeOldest(me.Runtime, all ? int.MaxValue : 1);
    }

    /// <summary>The calling thread's controlled operation, if it is the one holding its runtime's token.</summary>
    internal static ControlledOperation? Caller() =>
        Carrier.Current?.Operation is { } operation && operation.Runtime.Current == operation ? operation : null;

    private WaitQueues QueuesOf(ControlledRuntime runtime) => queues.GetValue(runtime, _ => new WaitQueues());

    private static SchedulingPointKind Map(EnginePoint point) => point switch
    {
        EnginePoint.Read => SchedulingPointKind.Read,
        EnginePoint.Write => SchedulingPointKind.Write,
        EnginePoint.Acquire => SchedulingPointKind.Acquire,
        EnginePoint.Release => SchedulingPointKind.Release,
        EnginePoint.Wait => SchedulingPointKind.Wait,
        EnginePoint.Notify => SchedulingPointKind.Notify,
        EnginePoint.Send => SchedulingPointKind.Send,
        EnginePoint.Receive => SchedulingPointKind.Receive,
        EnginePoint.Dispatch => SchedulingPointKind.Dispatch,
        EnginePoint.Collect => SchedulingPointKind.Collect,
        _ => throw new ArgumentOutOfRangeException(nameof(point), point, "an engine scheduling point this adapter does not know"),
    };
}
