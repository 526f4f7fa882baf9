using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

public sealed class ImapUnorderedPermutationScenario : PoolScenario
{
    public override string Id => "pool.imap-unordered-permutation";
    public override string Rule => "Pool.imap_unordered yields a permutation of the results (in completion order); Pool.imap yields them in input order.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("range(40), 3 workers, chunksize 1", P(("n", 40), ("processes", 3), ("chunksize", 1)), "imap_unordered_permutation=true;imap_in_order=true")];
}
