using System.Diagnostics;
using Lab.Engine.Interop;
using Lab.Engine.Pools;

namespace Lab.Engine.Processes;

/// <summary>
/// Graceful shutdown of everything this process started (issue #13 §1; seeds 59.21, 59.22, 59.26): what an application
/// does when it receives SIGINT or SIGTERM. CPython leaves it to the application (Pool.terminate(), then terminate() each
/// child, join with a timeout, kill() what is left); here it is one call with one deadline, in that order:
/// 1. every running pool and executor is terminated (pending results fail, no worker is replaced) and joined, so its
///    workers are not asked twice;
/// 2. every other live child is asked to stop with SIGTERM: one that handles interrupts (CurrentProcess.HandleInterrupts)
///    runs its finally blocks and exits with 1, one that does not dies by it (-15);
/// 3. at the deadline, what still runs is killed (SIGKILL cannot be ignored) and reaped.
/// No child outlives the call. Queues need nothing here: a child's queue feeder flushes or dies with its child, and
/// this process's own feeders flush at its exit as CPython's do (ProcessQueue.CancelJoinThread drops what is buffered).
/// </summary>
internal static class GroupShutdown
{
    /// <summary>How long a SIGKILLed child may take to be reaped: the kernel's work, not the child's.</summary>
    private static readonly TimeSpan ReapBound = TimeSpan.FromSeconds(10);

    public static IReadOnlyList<ChildShutdown> Run(TimeSpan deadline)
    {
        if (deadline < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(deadline), deadline, "the deadline must not be negative");
        var clock = Stopwatch.StartNew();
        TimeSpan Remaining() => deadline - clock.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

        var pools = PoolSupervisor.AllRunning.Where(p => !p.IsSupervisorThread).ToList();
        foreach (var pool in pools) pool.Terminate();
        foreach (var pool in pools) pool.Join(Remaining());

        var children = ChildRegistry.Snapshot();
        foreach (var child in children) child.Signal(Libc.SIGTERM);
        var outcomes = new List<ChildShutdown>(children.Count);
        foreach (var child in children)
        {
            if (child.Wait(Remaining()))
            {
                outcomes.Add(new ChildShutdown(child.Pid, child.ExitCode, KilledAtDeadline: false));
                continue;
            }
            child.Signal(Libc.SIGKILL);
            child.Wait(ReapBound);
            outcomes.Add(new ChildShutdown(child.Pid, child.ExitCode, KilledAtDeadline: true));
        }
        return outcomes;
    }
}
