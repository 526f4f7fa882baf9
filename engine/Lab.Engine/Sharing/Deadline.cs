namespace Lab.Engine.Sharing;

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
