using Lab.Engine.Diagnostics;
using Lab.Engine.Interop;

namespace Lab.Engine.Forking;

/// <summary>
/// A daemon forkserver child dies with the process that started it, as a spawned daemon does. PR_SET_PDEATHSIG
/// cannot do it: it fires on the death of the kernel parent (the server), not of the engine parent. A pidfd of the
/// engine parent (pidfd_open(2)) becomes readable when it exits; a thread then kills this process with SIGKILL,
/// which is what PR_SET_PDEATHSIG would have sent.
/// </summary>
internal static class ParentWatch
{
    public static void DieWith(int parentPid)
    {
        var watch = PidWatch.Open(parentPid);
        if (watch is null)
        {
            Libc.kill(Environment.ProcessId, Libc.SIGKILL);
            return;
        }
        var thread = new Thread(() =>
        {
            while (!watch.WaitForExit(TimeSpan.FromHours(1))) { }
            Libc.kill(Environment.ProcessId, Libc.SIGKILL);
        }, maxStackSize: 128 * 1024) { IsBackground = true, Name = "lab-engine-parent-watch" };
        thread.Start();
    }
}
