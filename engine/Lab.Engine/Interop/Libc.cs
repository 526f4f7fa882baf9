using System.Runtime.InteropServices;

namespace Lab.Engine.Interop;

/// <summary>
/// Every libc call of the engine lives under Interop/ (DESIGN.md, house rule 1), one file per family.
/// Only Linux/glibc layouts are used; constants come from the Linux UAPI headers.
/// </summary>
internal static partial class Libc
{
    internal const string Name = "libc";

    internal const int EINTR = 4;
    internal const int ECHILD = 10;
    internal const int EAGAIN = 11;
    internal const int ESRCH = 3;
    internal const int EPIPE = 32;

    internal static int LastErrno => Marshal.GetLastPInvokeError();

    internal static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    internal static IOException Error(string call, int errno) => new($"{call} failed: {Describe(errno)}");
}
