using System.Runtime.CompilerServices;
using Lab.Engine;
using Lab.Engine.Diagnostics;

namespace Lab.Scenarios.Benchmarks;

/// <summary>The task of task-size-speedup (CPython: twins/bench_targets.py spin_cpu).</summary>
public static class TaskSizeTargets
{
    /// <summary>Spins until the calling thread has run <paramref name="taskUs"/> µs of CPU time (CLOCK_THREAD_CPUTIME_ID, as
    /// the CPython side's time.thread_time_ns): the same work in every language, however fast its loop is, and a thread
    /// that waits for a core does not count its wait as work.</summary>
    [ProcessTarget]
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static int SpinCpu(int taskUs)
    {
        var end = ThreadCpuClock.Now + TimeSpan.FromMicroseconds(taskUs);
        while (ThreadCpuClock.Now < end) { }
        return taskUs;
    }
}
