using Lab.Engine.Scheduling;
using Lab.Engine.Sharing;

namespace Lab.Engine.Synchronization;

/// <summary>
/// A counting semaphore in two 32-bit shared words: the value (the futex word) and the number of sleepers (only
/// to skip FUTEX_WAKE when nobody sleeps). The value never goes below zero: acquire is a compare-and-swap from
/// v > 0 to v - 1. A sleeper counts itself before FUTEX_WAIT(value, 0); a releaser increments the value before
/// it reads the count. Both are full fences (Interlocked), so either the releaser sees the sleeper or the
/// sleeper's FUTEX_WAIT sees the new value and does not sleep: no lost wake-up. One release wakes one sleeper,
/// which re-checks the value; if another thread took the unit first, that thread consumed the release and the
/// sleeper sleeps again. A sleeper whose deadline passes still re-checks the value before giving up, so a
/// wake-up is never swallowed by a timing-out waiter. A scheduling point precedes every atomic access of either word
/// (issue #5 §2).
/// </summary>
internal static unsafe class FutexSemaphore
{
    public static bool TryAcquire(int* value)
    {
        EngineScheduling.Point(EnginePoint.Acquire);
        var v = Volatile.Read(ref *value);
        while (v > 0)
        {
            EngineScheduling.Point(EnginePoint.Write);
            var seen = Interlocked.CompareExchange(ref *value, v - 1, v);
            if (seen == v) return true;
            v = seen;
        }
        return false;
    }

    public static bool Acquire(int* value, int* sleepers, bool block, Deadline deadline)
    {
        while (true)
        {
            if (TryAcquire(value)) return true;
            if (!block || deadline.HasPassed) return false;
            EngineScheduling.Point(EnginePoint.Write);
            Interlocked.Increment(ref *sleepers);
            try
            {
                Futex.Wait(value, 0, deadline);
            }
            finally
            {
                EngineScheduling.Point(EnginePoint.Write);
                Interlocked.Decrement(ref *sleepers);
            }
        }
    }

    /// <summary>Adds one unit unless the value is already <paramref name="maxValue"/> (then returns false and
    /// changes nothing: semaphore.c checks sem_getvalue() >= maxvalue before sem_post()).</summary>
    public static bool Release(int* value, int* sleepers, int maxValue)
    {
        EngineScheduling.Point(EnginePoint.Release);
        var v = Volatile.Read(ref *value);
        while (true)
        {
            if (v >= maxValue) return false;
            EngineScheduling.Point(EnginePoint.Write);
            var seen = Interlocked.CompareExchange(ref *value, v + 1, v);
            if (seen == v) break;
            v = seen;
        }
        EngineScheduling.Point(EnginePoint.Read);
        if (Volatile.Read(ref *sleepers) > 0) Futex.Wake(value, 1);
        return true;
    }
}
