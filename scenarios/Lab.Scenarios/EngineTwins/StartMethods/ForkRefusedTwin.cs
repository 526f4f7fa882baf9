using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.StartMethods;

/// <summary>Asks for the fork context and reports whether it was refused with an error naming the alternatives.</summary>
public sealed class ForkRefusedTwin : EngineTwin
{
    public override string Id => "start-methods.fork-refused";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
