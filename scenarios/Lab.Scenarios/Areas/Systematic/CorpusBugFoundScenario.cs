using Lab.Scenarios.Model;
using Lab.Scenarios.Support;
using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;

namespace Lab.Scenarios.Areas.Systematic;

/// <summary>The corpus programs are the lab's own primitives under the seam, not engine code: no scheduling hooks.</summary>
public sealed class CorpusBugFoundScenario : SystematicScenario
{
    public override string Id => "systematic.corpus-bug-found";
    public override string Rule => "The default portfolio finds each seeded bug of the corpus within the program's stated budget, of the expected kind, and its shrunk schedule's token replays to the same bug.";
    public override string Source => "issue #5 §4 (seeded-bug corpus); Coyote's portfolio; scenarios/Lab.Systematic/README.md";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => BugCorpus.All.Select(p => new ScenarioCase(
        p.Name, new Dictionary<string, object?> { ["program"] = p.Name, ["budget"] = p.Budget },
        Observe.Pairs(("bug", p.Expected.ToName()), ("replays", true))));
}
