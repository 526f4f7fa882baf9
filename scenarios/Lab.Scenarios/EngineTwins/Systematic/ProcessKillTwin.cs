using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;
using Lab.Systematic.Exploration;
using Lab.Systematic.Processes;

namespace Lab.Scenarios.EngineTwins.Systematic;

/// <summary>Enumerates a process program with its child SIGKILLed at every scheduling point (DFS) and reports any bug and how many kill points it reached.</summary>
public sealed class ProcessKillTwin : SystematicTwin
{
    public override string Id => "systematic.process-kill";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var program = ProcessPrograms.Find(ProgramName(@case))!;
        var minimum = @case.Int("min_points");
        var exploration = new ExplorationSettings { Strategy = "dfs", Iterations = 60, Seed = SchedulerSeed(settings) };
        var report = ProcessExplorer.Explore(program, exploration, FaultMode.EveryPoint);
        var detail = Describe(report, exploration, "--faults every-point ");
        return new(Observe.Pairs(
            ("bug", report.Failure?.Bug.Kind.ToName() ?? "none"),
            ("exhausted", report.Exhausted),
            ("enough_points", report.Iterations >= minimum)), $"{report.Iterations} kill points; {detail}");
    }
}
