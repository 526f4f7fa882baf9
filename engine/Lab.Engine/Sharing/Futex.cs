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

/// <summary>
/// A point in time on the monotonic clock, from a CPython-style timeout: null blocks forever, a negative
/// timeout counts as zero (SemLock.acquire, Connection.poll).
/// </summary>
internal readonly struct Deadline
{
    private readonly long _ticks;

    private Deadline(long ticks) => _ticks = ticks;

    public static Deadline Infinite => new(long.MaxValue);

    public static Deadline From(TimeSpan? timeout) => timeout is not { } t ? Infinite
        : new Deadline(Environment.TickCount64 * TimeSpan.TicksPerMillisecond + Math.Max(0, t.Ticks));

    public bool IsInfinite => _ticks == long.MaxValue;

    public bool HasPassed => !IsInfinite && Environment.TickCount64 * TimeSpan.TicksPerMillisecond >= _ticks;

    public TimeSpan Remaining => IsInfinite ? Timeout.InfiniteTimeSpan
        : TimeSpan.FromTicks(Math.Max(0, _ticks - Environment.TickCount64 * TimeSpan.TicksPerMillisecond));

    /// <summary>For poll(2): milliseconds left, rounded up, or -1 for infinite.</summary>
    public int RemainingMilliseconds => IsInfinite ? -1 : (int)Math.Min(int.MaxValue, (Remaining.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond);
}
