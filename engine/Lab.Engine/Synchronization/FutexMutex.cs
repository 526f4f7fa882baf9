using Lab.Engine.Scheduling;
using Lab.Engine.Sharing;

namespace Lab.Engine.Synchronization;

/// <summary>
/// A mutex in one 32-bit shared word: 0 = unlocked, 1 = locked, 2 = locked and waiters may sleep on the word.
/// Ulrich Drepper, "Futexes Are Tricky" (2011), mutex "take 3" (cmpxchg fast path, xchg(2) slow path), with a
/// deadline and with an unlock that refuses an unlocked word instead of corrupting it. Whoever sleeps has stored 2
/// first, and FUTEX_WAIT(2) only sleeps while the word still is 2, so an unlock that sees 1 has nobody to wake
/// and an unlock that sees 2 wakes one sleeper, which re-takes the word as 2 (it cannot know whether others sleep).
/// There is no owner in the word and no robust-futex list: a holder that dies leaves it locked (README).
/// Every atomic access of the word is preceded by a scheduling point (issue #5 §2), so a controlled scheduler can
/// interleave other threads between any two of them; in production the points compile to nothing
/// (EngineScheduling.Enabled is a JIT-time constant).
/// </summary>
internal static unsafe class FutexMutex
{
    public static bool TryLock(int* word)
    {
        EngineScheduling.Point(EnginePoint.Acquire);
        return Interlocked.CompareExchange(ref *word, 1, 0) == 0;
    }

    /// <summary>Returns false only when <paramref name="deadline"/> passed with the mutex still held by another.
    /// A passed deadline still makes one attempt, so a zero timeout on a free mutex succeeds, as with
    /// sem_timedwait(3): "If the operation can be performed immediately, then sem_timedwait() never fails with a
    /// timeout error".</summary>
    public static bool Lock(int* word, Deadline deadline)
    {
        if (TryLock(word)) return true;
        while (true)
        {
            EngineScheduling.Point(EnginePoint.Write);
            if (Interlocked.Exchange(ref *word, 2) == 0) return true;
            if (deadline.HasPassed) return false;
            // Woken, timed out, interrupted (EINTR) or the word changed (EAGAIN): the loop re-checks all of them.
            Futex.Wait(word, 2, deadline);
        }
    }

    /// <summary>Returns false if the mutex was not locked (the word is left unchanged).</summary>
    public static bool Unlock(int* word)
    {
        EngineScheduling.Point(EnginePoint.Release);
        var current = Volatile.Read(ref *word);
        while (true)
        {
            if (current == 0) return false;
            EngineScheduling.Point(EnginePoint.Write);
            var seen = Interlocked.CompareExchange(ref *word, 0, current);
            if (seen == current) break;
            current = seen;
        }
        if (current == 2) Futex.Wake(word, 1);
        return true;
    }

    public static bool IsLocked(int* word)
    {
        EngineScheduling.Point(EnginePoint.Read);
        return Volatile.Read(ref *word) != 0;
    }
}
