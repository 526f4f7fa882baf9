using Lab.Systematic.Exploration;
using Lab.Systematic.Primitives;

namespace Lab.Systematic.Measurement;

/// <summary>
/// The program of the schedules-per-second benchmark (issue #5 §6: "a 2-thread, 50-step program"): the main operation
/// spawns two workers and returns (an iteration ends when every operation has completed, so no join is needed); each
/// worker writes a shared variable <see cref="WritesPerWorker"/> times. Every iteration takes exactly
/// <see cref="Steps"/> scheduling steps whatever the strategy (checked by the tests), so schedules per second compare
/// across strategies. It has no bug.
/// </summary>
public static class ThroughputProgram
{
    public const int WritesPerWorker = 23;

    /// <summary>2 creates + 2×23 writes + 3 completions − 1 (the last completion has no one to hand over to, so it is
    /// not a decision).</summary>
    public const int Steps = 50;

    public static SystematicProgram Program { get; } = new("throughput-2x50", rt =>
    {
        var shared = new SharedVariable<int>(rt, 0, "shared");
        void Work()
        {
            for (var i = 0; i < WritesPerWorker; i++) shared.Write(i);
        }
        rt.Spawn(Work, "worker-a");
        rt.Spawn(Work, "worker-b");
    });
}
