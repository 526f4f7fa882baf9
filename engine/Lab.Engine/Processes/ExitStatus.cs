using Lab.Engine.Interop;

namespace Lab.Engine.Processes;

/// <summary>Decodes a wait status the way CPython's Popen does (popen_fork.py, os.waitstatus_to_exitcode):
/// a normal exit gives its code 0..255, death by signal N gives -N. So exit(137) and SIGKILL stay distinct,
/// which System.Diagnostics.Process cannot do (it reports 128+N).</summary>
internal static class ExitStatus
{
    public static int ToExitCode(int status)
    {
        if (Libc.WIFEXITED(status)) return Libc.WEXITSTATUS(status);
        if (Libc.WIFSIGNALED(status)) return -Libc.WTERMSIG(status);
        throw new InvalidOperationException($"unexpected wait status 0x{status:x}");
    }
}
