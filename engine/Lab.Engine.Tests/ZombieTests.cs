using System.Runtime.CompilerServices;
using Xunit;

namespace Lab.Engine.Tests;

/// <summary>No zombies: the engine reaps every child on its own thread (Processes/Child.Unix.cs), whether it is
/// joined, disposed while alive, or dropped and never joined.</summary>
public class ZombieTests
{
    [Fact]
    public void Process_SeveralJoined_NoneLeftAsZombie()
    {
        var processes = Enumerable.Range(0, 4).Select(i => new Process(Targets.ExitWith, [i])).ToList();
        try
        {
            foreach (var p in processes) p.Start();
            var pids = processes.Select(p => p.Pid!.Value).ToList();
            foreach (var p in processes) p.JoinOrFail();
            Assert.Equal([0, 1, 2, 3], processes.Select(p => p.ExitCode!.Value));
            // Join returns after the reaper's wait4, so the pids are already released.
            Assert.All(pids, pid => Assert.False(
                ProcStat.Read(pid) is { } s && s.ParentPid == Environment.ProcessId, $"child {pid} still ours after Join: {ProcStat.Read(pid)}"));
        }
        finally
        {
            foreach (var p in processes) p.Dispose();
        }
    }

    [Fact]
    public void ProcessDispose_LiveChild_KillsAndReapsIt()
    {
        using var handshake = new Handshake();
        int pid;
        using (var p = new Process(Targets.ReadyThenSleep, [handshake.Path]))
        {
            p.Start();
            handshake.Receive(p, Limits.Join);
            pid = p.Pid!.Value;
            Assert.Equal(Environment.ProcessId, ProcStat.Read(pid)?.ParentPid);
        }
        // Dispose waited for the reaper, so the child is gone at once, not a zombie.
        Assert.True(IsNotOurZombie(pid));
        Assert.False(ProcStat.Read(pid) is { } s && s.ParentPid == Environment.ProcessId, $"child {pid} still ours: {ProcStat.Read(pid)}");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int StartAndDrop()
    {
        var p = new Process(Targets.Noop);
        p.Start();
        return p.Pid!.Value;
    }

    [Fact]
    public void Process_DroppedWithoutJoin_IsReapedAnyway()
    {
        var pid = StartAndDrop();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try
        {
            // The child exits on its own; the reaper thread must then collect it without anyone joining.
            Assert.True(Reaped.Within(pid, Limits.Join), $"child {pid} still ours after {Limits.Join}: {ProcStat.Read(pid)}");
        }
        finally
        {
            // Still our child (alive or zombie) only if the assertion failed: then its pid cannot have been reused.
            if (ProcStat.Read(pid) is { ParentPid: var ppid, IsZombie: false } && ppid == Environment.ProcessId)
                Interop.Libc.kill(pid, Interop.Libc.SIGKILL);
        }
    }

    /// <summary>
    /// True if <paramref name="pid"/> is not a process left behind by us: it is gone, or the pid now belongs to a
    /// different process that is not our zombie. (pid_max is 32768 here and pids are allocated upwards, so a
    /// reuse within one test is improbable; the check stays exact about the one thing we assert: no zombie of ours.)
    /// </summary>
    private static bool IsNotOurZombie(int pid) =>
        ProcStat.Read(pid) is not { } stat || !(stat.IsZombie && stat.ParentPid == Environment.ProcessId);
}
