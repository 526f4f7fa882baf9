namespace Lab.Systematic.Runtime;

/// <summary>
/// The hand-off token of one thread: <see cref="Wait"/> returns once someone has called <see cref="Release"/>, and
/// consumes the grant. At most one grant is outstanding per baton (the scheduler hands exactly one token around), so a
/// grant is a state, never lost if it comes before the wait. Release is under the monitor, which orders every write of
/// the releasing thread before every read of the thread it wakes.
/// <para>
/// The waiter spins, then yields its core a few times (<see cref="SpinWait"/> past its yield threshold), then sleeps
/// on the monitor: most waits under the scheduler last a few steps of another operation, and a futex wake-up costs
/// several microseconds, which would cap a random schedule (a hand-off every other step) at about 6,000 schedules/s on
/// two cores; with the yielding phase it is about three times that (the systematic-throughput benchmark). The yields
/// keep the spinning cheap when there are more controlled threads than cores (a pure time-bounded spin measured
/// 1,800 schedules/s).
/// </para>
/// <para>
/// But next to CPU-bound processes a sched_yield hands the core to them for the rest of a time slice (milliseconds),
/// and a grant that arrives meanwhile waits for it: with 20 yields per hand-off the test suite's explorations took over
/// 5 minutes instead of 13 s with two busy loops on two cores. So a yield that took longer than
/// <see cref="SlowYield"/> (0.5 ms) turns yielding off for every baton for <see cref="YieldBackoff"/> (50 ms): waiters
/// then go from a short spin straight to sleeping, and a woken sleeper gets its core back promptly (the scheduler
/// favours a task that slept). Measured: the suite's explorations next to two busy loops took 33 s; unloaded, random
/// schedules stay at about 20,000/s (with a 1 s back-off, which stray slow yields also trigger, 6,700/s).
/// </para>
/// </summary>
internal sealed class Baton
{
    /// <summary>10 busy spins, then 20 yields (<c>SpinOnce</c> with sleeping disabled), before the monitor wait.</summary>
    private const int SpinIterations = 30;

    /// <summary>An uncontended yield returns in about a microsecond; one that lasted this long gave a time slice away.</summary>
    private static readonly long SlowYield = System.Diagnostics.Stopwatch.Frequency / 2_000;

    /// <summary>Short: an unloaded machine also has a stray slow yield now and then, and loses yielding only this long.</summary>
    private static readonly long YieldBackoff = System.Diagnostics.Stopwatch.Frequency / 20;

    /// <summary>Timestamp before which waiters do not yield (set by a slow yield).</summary>
    private static long yieldsOffUntil;

    private readonly object gate = new();
    private volatile bool granted;
    private bool sleeping;

    public void Release()
    {
        lock (gate)
        {
            granted = true;
            if (sleeping) Monitor.Pulse(gate);
        }
    }

    public void Wait() => Wait(Timeout.InfiniteTimeSpan);

    /// <returns>false if <paramref name="timeout"/> passed without a grant.</returns>
    public bool Wait(TimeSpan timeout)
    {
        var spin = new SpinWait();
        var yielding = System.Diagnostics.Stopwatch.GetTimestamp() >= Volatile.Read(ref yieldsOffUntil);
        while (spin.Count < SpinIterations)
        {
            if (granted)
            {
                granted = false;
                return true;
            }
            if (!spin.NextSpinWillYield)
            {
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            if (!yielding) break;
            var before = System.Diagnostics.Stopwatch.GetTimestamp();
            spin.SpinOnce(sleep1Threshold: -1);
            var after = System.Diagnostics.Stopwatch.GetTimestamp();
            if (after - before > SlowYield)
            {
                Volatile.Write(ref yieldsOffUntil, after + YieldBackoff);
                break;
            }
        }
        lock (gate)
        {
            var deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            while (!granted)
            {
                var left = deadline == long.MaxValue ? Timeout.Infinite : (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
                if (left == 0) return false;
                sleeping = true;
                Monitor.Wait(gate, left);
                sleeping = false;
            }
            granted = false;
            return true;
        }
    }
}
