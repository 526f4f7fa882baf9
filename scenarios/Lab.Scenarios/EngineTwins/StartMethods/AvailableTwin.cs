using Lab.Engine;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.EngineTwins.StartMethods;

/// <summary>Lists the engine's start methods (Multiprocessing.AllStartMethods), in order.</summary>
public sealed class AvailableTwin : EngineTwin
{
    public override string Id => "start-methods.available";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget) =>
        "methods=" + string.Join(",", Multiprocessing.AllStartMethods.Select(m => m.ToName()));
}
