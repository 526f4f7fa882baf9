namespace Lab.Systematic.Runtime;

/// <summary>
/// The hand-off token of one thread: <see cref="Wait"/> returns once someone has called <see cref="Release"/>, and
/// consumes the grant. At most one grant is outstanding per baton (the scheduler hands exactly one token around), so a
/// grant is a state, never lost if it comes before the wait. The waiter spins, then yields its core a few times
/// (<see cref="SpinWait"/> past its yield threshold), then sleeps on a monitor: most waits under the scheduler last a
/// few steps of another operation, and a futex wake-up costs several microseconds, which would cap a random schedule
/// (a hand-off every other step) at about 6,000 schedules/s on two cores; with the yielding phase it is about three
/// times that (measured with the systematic-throughput benchmark). The yields keep the spinning cheap when there are
/// more waiting threads than cores. Release is under the monitor, which orders every write of the releasing thread
/// before every read of the thread it wakes.
/// </summary>
internal sealed class Baton
{
    /// <summary>10 busy spins, then 20 yields (<c>SpinOnce</c> with sleeping disabled), before the monitor wait.</summary>
    private const int SpinIterations = 30;

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
        while (spin.Count < SpinIterations)
        {
            if (granted)
            {
                granted = false;
                return true;
            }
            spin.SpinOnce(sleep1Threshold: -1);
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
