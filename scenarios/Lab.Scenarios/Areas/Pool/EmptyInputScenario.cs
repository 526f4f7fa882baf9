using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

public sealed class EmptyInputScenario : PoolScenario
{
    public override string Id => "pool.empty-input";
    public override string Rule => "map, starmap, imap and imap_unordered over an empty input give an empty result at once.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("2 workers", P(("processes", 2)), "map=0;starmap=0;imap=0;imap_unordered=0")];
}
