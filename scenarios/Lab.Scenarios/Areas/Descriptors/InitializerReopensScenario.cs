using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Descriptors;

/// <summary>
/// The pool-initializer pattern of seeds 59.27: each worker opens its own resource (here a file named after its pid) in
/// the initializer and keeps it in a module-level (static) field; every task uses its worker's resource. The parent then
/// finds one file per worker, holding exactly the tasks that worker ran.
/// </summary>
public sealed class InitializerReopensScenario : Scenario
{
    public override string Id => "descriptors.initializer-reopens";
    public override string Rule => "A pool initializer that opens a resource per worker gives every task its own worker's resource: each task's line is in the file of the worker that ran it.";
    public override string Source => "seeds 59.27 File Descriptors and Handles ('this is one reason pool initializers are useful'); 59.24 Initializers";
    public override TimeSpan Budget => Pool.PoolScenario.PoolBudget;

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("2 workers, 20 tasks", new Dictionary<string, object?> { ["processes"] = 2, ["tasks"] = 20 }, "tasks_written=20;each_in_its_worker_file=true")];
}
