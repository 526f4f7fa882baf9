using Lab.Systematic.Exploration;
using Lab.Systematic.Strategies;

namespace Lab.Systematic.Measurement;

/// <summary>
/// PCT's observed bug-finding rate on one program next to the paper's bound: Burckhardt et al. (ASPLOS 2010), Theorem
/// 1 — one PCT run finds a bug of depth d with probability at least 1/(n·k^(d−1)), n operations, k steps. Here n is the
/// most operations an iteration created and k PCT's estimate of the run length, the longest iteration seen (what it
/// draws change points over once it has seen one). The bound holds for a bug of depth at most d.
/// </summary>
public sealed record PctRate(string Program, int Depth, int Operations, int Length, int Iterations, int Bugs)
{
    public double Observed => Iterations == 0 ? 0 : (double)Bugs / Iterations;

    public double Bound => 1.0 / (Operations * Math.Pow(Length, Depth - 1));

    /// <summary>Runs <paramref name="iterations"/> PCT iterations (not stopping at bugs) and counts those that fail.</summary>
    public static PctRate Measure(SystematicProgram program, int depth, int iterations, ulong seed, int maxSteps = 1000)
    {
        using var engine = new ExecutionEngine();
        var pct = new PctStrategy(seed, depth);
        int bugs = 0, operations = 0;
        for (var i = 0; i < iterations; i++)
        {
            pct.PrepareIteration(i);
            var run = engine.Run(program, pct, maxSteps);
            if (run.Mismatch is not null) throw new NondeterministicProgramException(run.Mismatch.Message);
            operations = Math.Max(operations, run.Operations);
            if (run.Bug is not null) bugs++;
        }
        return new PctRate(program.Name, depth, operations, pct.EstimatedLength, iterations, bugs);
    }
}
