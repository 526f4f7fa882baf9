using FsCheck;
using FsCheck.Fluent;

namespace Lab.Scenarios.Model;

/// <summary>
/// A differential property (issue #3, §4): FsCheck generates inputs from the run's seed, every subject observes each
/// input through the twin of <see cref="Scenario.TwinId"/>, and the judge (Running/DivergenceJudge) requires them to
/// agree input by input, under each start method two subjects share. A disagreement fails the case on every subject,
/// with both observations, the seed and the replay command.
/// </summary>
public abstract class DifferentialScenario<TInput> : Scenario
{
    /// <summary>Any odd 64-bit constant is a valid SplitMix gamma; the golden ratio's, as PropertyRunner.</summary>
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    public override ScenarioKind Kind => ScenarioKind.Differential;

    /// <summary>Generated inputs.</summary>
    protected abstract Gen<TInput> Inputs { get; }

    /// <summary>The twin's parameters that carry one input.</summary>
    protected abstract Dictionary<string, object?> Params(TInput input);

    /// <summary>Ten inputs in quick runs, fifty otherwise, the same for every subject (they come from the seed).</summary>
    public override IEnumerable<ScenarioCase> Cases(RunSettings settings)
    {
        var inputs = Inputs.Sample(10, new Rnd((ulong)settings.Seed, Gamma), settings.Quick ? 10 : 50);
        return inputs.Select((input, i) => new ScenarioCase($"input {i + 1}", Params(input), Observation.Empty));
    }
}
