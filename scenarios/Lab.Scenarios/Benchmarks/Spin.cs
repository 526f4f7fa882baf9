using Lab.Engine.Diagnostics;
using System.Runtime.CompilerServices;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// spin: a fixed amount of CPU work in this process, with no I/O and no allocation: one sample is the CPU time its thread
/// spends on <see cref="Iterations"/> steps of a xorshift generator (<see cref="ThreadCpuClock"/>). CPU time, not wall time:
/// on a shared machine the other processes' load stretched the wall time of the same work from 4 to 30 ms between runs
/// minutes apart, while its CPU time moved by a few per cent; what is left is the machine's own noise (frequency, caches),
/// which the comparison must tolerate. Its cost is a parameter, which makes it the calibration target of
/// `lab compare` (`lab bench --calibrate` runs it at its base cost and at +10 % and +25 %); in a nightly it is the canary
/// of the machine's own noise, since its code never changes. <see cref="BenchPlan.Work"/> multiplies the work actually done
/// without changing the params: a deliberate slowdown, the same series measured slower, as a regression would be.
/// </summary>
public static class Spin
{
    public const string Id = "spin";
    public const string Unit = "ms";

    /// <summary>About 4 ms per sample on this lab's machines: 20 samples cost well under a second.</summary>
    public const long Iterations = 2_000_000;

    /// <summary>In process: one series, under the start method that names no child at all.</summary>
    public const string InProcess = "in-process";

    public static BenchSeries OnEngine(EngineSubject engine, BenchPlan plan)
    {
        var work = (long)Math.Round(Iterations * plan.Work);
        var samples = new List<double>(plan.Samples);
        for (var i = 0; i < plan.Warmup + plan.Samples; i++)
        {
            var start = ThreadCpuClock.Now;
            Sink = Run(work, (ulong)i + 1);
            var elapsed = ThreadCpuClock.Now - start;
            if (i >= plan.Warmup) samples.Add(elapsed.TotalMilliseconds);
        }
        return new BenchSeries(engine.Name, engine.Version, InProcess, Id, BenchCatalog.Params(plan, [("iterations", Iterations)]), Unit, samples);
    }

    /// <summary>Written so that the loop's result is used and the JIT cannot drop it.</summary>
    public static ulong Sink { get; private set; }

    // Compiled fully optimized at once: under tiered compilation a loop starts unoptimized and is replaced on the stack
    // (OSR) and again after 30 calls, so the first samples of a short series would measure the compiler, not the work.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong Run(long iterations, ulong state)
    {
        for (var i = 0L; i < iterations; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
        }
        return state;
    }
}
