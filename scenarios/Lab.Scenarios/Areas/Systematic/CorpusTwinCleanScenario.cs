using Lab.Scenarios.Model;
using Lab.Scenarios.Support;
using Lab.Systematic.Corpus;

namespace Lab.Scenarios.Areas.Systematic;

/// <summary>The corpus programs are the lab's own primitives under the seam, not engine code: no scheduling hooks.</summary>
public sealed class CorpusTwinCleanScenario : SystematicScenario
{
    public override string Id => "systematic.corpus-twin-clean";
    public override string Rule => "Each corrected twin of the corpus survives its buggy program's whole budget under the portfolio (quick runs), and an exhaustive DFS with preemption bound 2 (full runs), without a bug.";
    public override string Source => "issue #5 §4 (\"the corrected twins must pass the whole budget\"); CHESS (Musuvathi & Qadeer, PLDI 2007) for the bounded DFS";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => BugCorpus.All.Select(p => new ScenarioCase(
        p.Fixed.Name, new Dictionary<string, object?> { ["program"] = p.Fixed.Name, ["budget"] = p.Budget, ["strategy"] = settings.Quick ? "portfolio" : "dfs" },
        Observe.Pairs(("bug", "none"))));
}
