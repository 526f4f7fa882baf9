using Lab.Engine;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.EngineTwins.StartMethods;

/// <summary>Names the engine's default start method (Multiprocessing.DefaultStartMethod).</summary>
public sealed class DefaultTwin : EngineTwin
{
    public override string Id => "start-methods.default";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget) =>
        "default=" + Multiprocessing.DefaultStartMethod.ToName();
}
