using Lab.Engine.Interop;
using Microsoft.Win32.SafeHandles;

namespace Lab.Engine.Processes;

/// <summary>An anonymous pipe whose two ends are close-on-exec in this process, so a child only ever receives
/// the ends that posix_spawn dup2()s into it (and .NET's own Process.Start never leaks them).</summary>
internal sealed class UnixPipe
{
    public int ReadFd { get; private set; }
    public int WriteFd { get; private set; }

    public static unsafe UnixPipe Create()
    {
        var fds = stackalloc int[2];
        if (Libc.pipe2(fds, Libc.O_CLOEXEC) != 0) throw Libc.Error("pipe2", Libc.LastErrno);
        // Keep our descriptors away from 0..9 so the child's dup2() targets (0..4) never collide with a source.
        return new UnixPipe { ReadFd = AboveLowRange(fds[0]), WriteFd = AboveLowRange(fds[1]) };
    }

    internal static int AboveLowRange(int fd)
    {
        if (fd >= 10) return fd;
        var moved = Libc.fcntl(fd, Libc.F_DUPFD_CLOEXEC, 10);
        var errno = Libc.LastErrno;
        Libc.close(fd);
        if (moved < 0) throw Libc.Error("fcntl(F_DUPFD_CLOEXEC)", errno);
        return moved;
    }

    public FileStream OpenRead() => Open(TakeRead(), FileAccess.Read);

    public FileStream OpenWrite() => Open(TakeWrite(), FileAccess.Write);

    public int TakeRead() { var fd = ReadFd; ReadFd = -1; return fd; }

    public int TakeWrite() { var fd = WriteFd; WriteFd = -1; return fd; }

    public static FileStream Open(int fd, FileAccess access) =>
        new(new SafeFileHandle(fd, ownsHandle: true), access, bufferSize: 0);

    public static void Close(int fd)
    {
        if (fd >= 0) Libc.close(fd);
    }

    public void CloseBoth()
    {
        Close(TakeRead());
        Close(TakeWrite());
    }
}
