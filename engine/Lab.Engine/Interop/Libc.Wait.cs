using System.Runtime.InteropServices;

namespace Lab.Engine.Interop;

internal static partial class Libc
{
    /// <summary>struct rusage on Linux 64-bit: two timevals then fourteen longs (man 2 getrusage).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RUsage
    {
        public long UtimeSec, UtimeUsec, StimeSec, StimeUsec;
        public long MaxRssKiB, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int wait4(int pid, out int status, int options, out RUsage rusage);

    internal const int WNOHANG = 1;

    internal static bool WIFEXITED(int status) => (status & 0x7f) == 0;
    internal static int WEXITSTATUS(int status) => (status >> 8) & 0xff;
    internal static bool WIFSIGNALED(int status) => ((sbyte)((status & 0x7f) + 1) >> 1) > 0;
    internal static int WTERMSIG(int status) => status & 0x7f;

    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    // poll(2) event bits (asm-generic/poll.h).
    internal const short POLLIN = 0x1;
    internal const short POLLOUT = 0x4;
    internal const short POLLERR = 0x8;
    internal const short POLLHUP = 0x10;

    [LibraryImport(Name, SetLastError = true)]
    internal static unsafe partial int poll(PollFd* fds, nuint nfds, int timeoutMs);
}

internal static partial class Libc
{
    internal const int P_PID = 1;
    internal const int WEXITED = 4;
    internal const int WNOWAIT = 0x01000000;

    /// <summary>waitid(2). With WNOWAIT it waits for the child to exit without reaping it, so the pid stays
    /// ours (a zombie) until the engine reaps it under its lock: a concurrent kill() can never hit a reused pid.</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static unsafe partial int waitid(int idtype, int id, byte* siginfo, int options);

    internal const int SigInfoBytes = 128;
}
