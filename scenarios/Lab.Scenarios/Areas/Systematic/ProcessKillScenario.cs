using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;
using Lab.Systematic.Exploration;
using Lab.Systematic.Processes;

namespace Lab.Scenarios.Areas.Systematic;

public sealed class ProcessKillScenario : SystematicScenario
{
    /// <summary>The programs and the fewest kill points that make the enumeration meaningful (ProcessKillTests states why).</summary>
    private static readonly (string Program, int MinimumIterations)[] Programs =
        [("processes.queue-put-kill", 7), ("processes.lock-kill", 4), ("processes.pool-map-kill", 5)];

    public override string Id => "systematic.process-kill";
    public override string Rule => "A real child SIGKILLed at every one of its scheduling points never leaves a garbage object or a hang: a large Queue.put delivers the whole item or raises QueueBrokenError; a lock is held afterwards exactly when the child died holding it; a pool Map returns the correct result or raises BrokenPoolError.";
    public override string Source => "issue #5 §3 (fault injection as a scheduling choice) and issue #6 §4; scenarios/Lab.Systematic/README.md, \"Real processes\"";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => Programs.Select(p => new ScenarioCase(
        p.Program, new Dictionary<string, object?> { ["program"] = p.Program, ["faults"] = "every-point" },
        Observe.Pairs(("bug", "none"), ("exhausted", true), ("enough_points", true))));

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var (name, minimum) = Programs.Single(p => p.Program == @case.Label);
        var program = ProcessPrograms.Find(name)!;
        var exploration = new ExplorationSettings { Strategy = "dfs", Iterations = 60, Seed = SchedulerSeed(settings) };
        var report = ProcessExplorer.Explore(program, exploration, FaultMode.EveryPoint);
        var detail = Describe(report, exploration, "--faults every-point ");
        return new(Observe.Pairs(
            ("bug", report.Failure?.Bug.Kind.ToName() ?? "none"),
            ("exhausted", report.Exhausted),
            ("enough_points", report.Iterations >= minimum)), $"{report.Iterations} kill points; {detail}");
    }
}
