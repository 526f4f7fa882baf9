using Lab.Engine.Interop;

namespace Lab.Engine.Processes;

/// <summary>One close-on-exec descriptor of /dev/null, kept open for the process's life, that children get as the
/// standard streams they should not have (stdin always, as CPython's spawn children; everything for the tracker).
/// It sits above 0..9 so that it never collides with the child-side targets of posix_spawn's dup2 actions.</summary>
internal static class DevNull
{
    private static readonly Lazy<int> Fd = new(() =>
    {
        var fd = Libc.open("/dev/null", Libc.O_RDWR | Libc.O_CLOEXEC);
        return fd >= 0 ? UnixPipe.AboveLowRange(fd) : throw Libc.Error("open(/dev/null)", Libc.LastErrno);
    });

    public static int Descriptor => Fd.Value;
}
