using System.Runtime.InteropServices;

namespace Lab.Engine.Interop;

internal static partial class Libc
{
    internal const int SIGINT = 2;
    internal const int SIGQUIT = 3;
    internal const int SIGABRT = 6;
    internal const int SIGKILL = 9;
    internal const int SIGSEGV = 11;
    internal const int SIGTERM = 15;

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int kill(int pid, int sig);

    /// <summary>signal(2) with SIG_DFL (0): used by the worker so that SIGTERM/SIGINT/SIGQUIT kill it
    /// like a CPython child, instead of going through the .NET runtime's graceful-shutdown handler.</summary>
    [LibraryImport(Name, EntryPoint = "signal", SetLastError = true)]
    internal static partial nint signal(int signum, nint handler);

    internal const nint SIG_DFL = 0;

    /// <summary>sigaction(2), used only to save a disposition and put it back unchanged, so the struct is an opaque
    /// buffer: glibc's and musl's struct sigaction are 152 bytes on x86-64 and arm64 (handler, 128-byte sigset_t,
    /// flags, restorer; signal.h / bits/sigaction.h), <see cref="SigactionBufferSize"/> leaves room for any of them.</summary>
    [LibraryImport(Name, EntryPoint = "sigaction", SetLastError = true)]
    internal static unsafe partial int sigaction(int signum, byte* act, byte* oldact);

    internal const int SigactionBufferSize = 256;

    [LibraryImport(Name)]
    internal static partial void abort();
}

internal static partial class Libc
{
    /// <summary>Only used to fault on purpose (Diagnostics/Faults.cs).</summary>
    [LibraryImport(Name)]
    internal static partial nuint strlen(nint s);
}
