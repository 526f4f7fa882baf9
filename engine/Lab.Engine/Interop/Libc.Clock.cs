using System.Runtime.InteropServices;

namespace Lab.Engine.Interop;

internal static partial class Libc
{
    /// <summary>CPU time consumed by the calling thread (linux/time.h: CLOCK_THREAD_CPUTIME_ID = 3).</summary>
    internal const int CLOCK_THREAD_CPUTIME_ID = 3;

    /// <summary>clock_gettime(2); <see cref="Timespec"/> is declared with the futex calls.</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int clock_gettime(int clockId, out Timespec time);
}
