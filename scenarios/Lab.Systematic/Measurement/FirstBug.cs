using Lab.Systematic.Exploration;

namespace Lab.Systematic.Measurement;

/// <summary>
/// Iterations to the first bug of one program under one strategy and seed, within a budget (null: not found), and the
/// schedules per second of that exploration. Unshrunk: the figure is the search, not the report.
/// </summary>
public sealed record FirstBug(string Program, string Strategy, ulong Seed, int Budget, int? Iterations, Bug? Bug, double SchedulesPerSecond)
{
    public static FirstBug Measure(SystematicProgram program, string strategy, ulong seed, int budget, int maxSteps = 1000)
    {
        var report = Explorer.Explore(program, new ExplorationSettings
        {
            Strategy = strategy,
            Seed = seed,
            Iterations = budget,
            MaxSteps = maxSteps,
            Shrink = false,
        });
        return new FirstBug(program.Name, strategy, seed, budget, report.Failure is null ? null : report.Iterations, report.Failure?.Bug, report.SchedulesPerSecond);
    }
}
