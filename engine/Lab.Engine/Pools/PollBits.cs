namespace Lab.Engine.Pools;

/// <summary>Constants the pool's channels need beyond those Interop already names (Linux UAPI values:
/// asm-generic/poll.h, asm-generic/errno.h).</summary>
internal static class PollBits
{
    public const short POLLIN = 0x1;
    public const short POLLOUT = 0x4;
    public const short POLLERR = 0x8;
    public const short POLLHUP = 0x10;

    /// <summary>read(2) on a Unix stream socket whose peer closed with unread data returns ECONNRESET rather than
    /// 0 (net/unix/af_unix.c, unix_release_sock): for the pool it is the same end of file.</summary>
    public const int ECONNRESET = 104;
}
