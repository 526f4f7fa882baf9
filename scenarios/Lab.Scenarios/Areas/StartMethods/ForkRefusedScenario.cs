using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.StartMethods;

public sealed class ForkRefusedScenario : Scenario
{
    public override string Id => "start-methods.fork-refused";
    public override string Rule => "Asking the engine for the fork start method fails at once with an error that says why and names spawn and forkserver.";
    public override string Source => "DESIGN.md, 'Why the engine has no fork'; seeds 59.5 fork ('unsafe after threads have started')";
    public override bool HasCpythonTwin => false;

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("refused=true;names_alternatives=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        try
        {
            Multiprocessing.GetContext(StartMethod.Fork);
            return new(Observe.Pairs(("refused", false)));
        }
        catch (StartMethodNotAvailableError e)
        {
            var names = e.Message.Contains("'spawn'", StringComparison.Ordinal) && e.Message.Contains("'forkserver'", StringComparison.Ordinal);
            return new(Observe.Pairs(("refused", true), ("names_alternatives", names)), e.Message);
        }
    }
}
