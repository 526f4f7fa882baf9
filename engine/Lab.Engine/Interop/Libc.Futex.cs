using System.Runtime.InteropServices;

namespace Lab.Engine.Interop;

/// <summary>
/// futex(2) on a 32-bit word in shared memory, the one low-level primitive every cross-process lock, semaphore,
/// event, condition and barrier of the engine is built on. The operations are not FUTEX_PRIVATE, so the kernel
/// keys waiters by the physical page and processes that map the same memory wait on the same futex.
/// </summary>
internal static partial class Libc
{
    internal const int FUTEX_WAIT = 0;
    internal const int FUTEX_WAKE = 1;
    internal const int ETIMEDOUT = 110;

    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport(Name, EntryPoint = "syscall", SetLastError = true)]
    private static unsafe partial long syscall_futex(long number, int* uaddr, int op, int val, Timespec* timeout, int* uaddr2, int val3);

    /// <summary>The syscall number differs by architecture (asm/unistd.h): 202 on x86_64, 98 on arm64.</summary>
    private static readonly long SYS_futex = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        var other => throw new PlatformNotSupportedException($"futex syscall number unknown for {other}"),
    };

    /// <summary>FUTEX_WAIT with a relative timeout (CLOCK_MONOTONIC, so wall-clock changes do not matter, unlike
    /// CPython's sem_timedwait). Returns 0 when woken (or spuriously), else -1 with errno EAGAIN (the word
    /// changed), ETIMEDOUT or EINTR.</summary>
    internal static unsafe long futex_wait(int* word, int expected, Timespec* timeout) =>
        syscall_futex(SYS_futex, word, FUTEX_WAIT, expected, timeout, null, 0);

    internal static unsafe long futex_wake(int* word, int count) =>
        syscall_futex(SYS_futex, word, FUTEX_WAKE, count, null, null, 0);
}
