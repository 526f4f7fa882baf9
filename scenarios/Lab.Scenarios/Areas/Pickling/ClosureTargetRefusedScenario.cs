using Lab.Engine;
using Lab.Engine.Targets;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pickling;

public sealed class ClosureTargetRefusedScenario : Scenario
{
    public override string Id => "pickling.closure-target-refused";
    public override string Rule => "A lambda or closure cannot be a target under spawn/forkserver: it is refused in the parent at start(), before any child runs.";
    public override string Source => "seeds 59.9 Pickling and Process Boundaries; card, Common trap";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("refused=true")];

    /// <summary>fork does not pickle the target: the child simply has it.</summary>
    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) => startMethod == "fork" ? "refused=false;exitcode=0" : null;

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var captured = settings.Seed;
        using var scope = new ChildScope(context, budget);
        try
        {
            var p = Run.ToEnd(scope, () => { _ = captured; });
            return p is null ? Run.Hang("the child") : new(Observe.Pairs(("refused", false), ("exitcode", p.ExitCode)));
        }
        catch (InvalidTargetError e)
        {
            return new(Observe.Pairs(("refused", true)), e.Message);
        }
    }
}
