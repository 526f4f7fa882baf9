using Lab.Engine.Interop;

namespace Lab.Engine.Diagnostics;

/// <summary>Deliberate crashes, for scenarios about exit codes of dying children.</summary>
internal static class Faults
{
    /// <summary>A real SIGSEGV from native code (strlen on an unmapped address). A fault in managed code would
    /// not do: .NET turns it into an exception, so the process exits 1 instead of dying by signal 11.</summary>
    public static void Segfault() => Libc.strlen(1);

    /// <summary>abort(3): death by SIGABRT.</summary>
    public static void Abort() => Libc.abort();
}
