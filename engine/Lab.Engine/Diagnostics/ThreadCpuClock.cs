using Lab.Engine.Interop;

namespace Lab.Engine.Diagnostics;

/// <summary>
/// The CPU time the calling thread has run (clock_gettime(CLOCK_THREAD_CPUTIME_ID), man 2 clock_gettime): unlike wall
/// time, it does not grow while the thread waits for a core that other processes hold. The lab's benchmarks of pure
/// computation (spin) read it, so that a shared machine's load does not enter their figures.
/// </summary>
internal static class ThreadCpuClock
{
    /// <exception cref="IOException">The clock cannot be read (never on Linux 2.6.12 and later).</exception>
    public static TimeSpan Now
    {
        get
        {
            if (Libc.clock_gettime(Libc.CLOCK_THREAD_CPUTIME_ID, out var t) != 0)
                throw Libc.Error("clock_gettime(CLOCK_THREAD_CPUTIME_ID)", Libc.LastErrno);
            return TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100);
        }
    }
}
