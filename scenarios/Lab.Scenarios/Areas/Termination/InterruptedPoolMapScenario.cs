using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Termination;

/// <summary>Ctrl-C in a parent during Pool.map (seeds 59.26): only the parent is signalled (a terminal would reach the
/// whole group; scenario signals.process-group-interrupt shows that). CPython raises KeyboardInterrupt out of map and
/// `with Pool()` terminates the workers; the engine's parent asked to handle interrupts, so the map's wait throws
/// ProcessInterruptedException and leaving the pool's using block terminates them.</summary>
public sealed class InterruptedPoolMapScenario : Scenario
{
    public override string Id => "termination.interrupted-pool-map";
    public override string Rule => "SIGINT to a parent blocked in Pool.map ends the map with an interruption in the parent; leaving the pool's block terminates its workers.";
    public override string Source => "seeds 59.26 Signals ('Ctrl-C ... KeyboardInterrupt'); 59.9 Pools (context manager terminates)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("map=interrupted;parent_exitcode=0;workers_alive=0")];
}
