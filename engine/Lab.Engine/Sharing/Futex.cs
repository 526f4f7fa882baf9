using Lab.Engine.Interop;
using Lab.Engine.Scheduling;

namespace Lab.Engine.Sharing;

/// <summary>Waiting and waking on a 32-bit word in shared memory (futex(2)), with a deadline.</summary>
internal static unsafe class Futex
{
    /// <summary>Sleeps while *word == expected, until woken, the deadline passes, or a signal interrupts. Returns
    /// false only when the deadline has passed; callers re-check their condition in a loop either way.</summary>
    public static bool Wait(int* word, int expected, Deadline deadline)
    {
        if (EngineScheduling.TryWait((nint)word, expected, deadline.IsInfinite ? null : deadline.Remaining)) return !deadline.HasPassed;
        if (deadline.IsInfinite)
        {
            Libc.futex_wait(word, expected, null);
            return true;
        }
        var remaining = deadline.Remaining;
        if (remaining <= TimeSpan.Zero) return false;
        var ts = new Libc.Timespec { Seconds = remaining.Ticks / TimeSpan.TicksPerSecond, Nanoseconds = remaining.Ticks % TimeSpan.TicksPerSecond * 100 };
        Libc.futex_wait(word, expected, &ts);
        return !deadline.HasPassed;
    }

    public static void Wake(int* word, int count)
    {
        Libc.futex_wake(word, count);
        EngineScheduling.Woke((nint)word, count);
    }

    public static void WakeAll(int* word) => Wake(word, int.MaxValue);
}
