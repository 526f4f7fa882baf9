using FsCheck;
using FsCheck.Fluent;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Model;

/// <summary>
/// A property over one subject (DESIGN.md, "Scenarios"): FsCheck generates inputs from the run's seed, the subject
/// observes each one through the twin of <see cref="Scenario.TwinId"/> (so the property runs on any subject that has
/// that twin), and <see cref="Holds"/> judges each observation; a failure is shrunk and reported with the seed and the
/// replay command. The runner calls <see cref="Check"/> with the subject's observe function.
/// </summary>
public abstract class PropertyScenario<TInput> : Scenario, IPropertyScenario
{
    public override ScenarioKind Kind => ScenarioKind.Property;

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [PropertyRunner.Case(settings)];

    protected abstract Arbitrary<TInput> Inputs { get; }

    /// <summary>The twin's parameters that carry one input.</summary>
    protected abstract Dictionary<string, object?> Params(TInput input);

    /// <summary>Whether a subject of <paramref name="kind"/> observing <paramref name="observed"/> for
    /// <paramref name="input"/> satisfies the property.</summary>
    protected abstract bool Holds(TInput input, Observation observed, SubjectKind kind);

    /// <summary>How many inputs to try on a subject of <paramref name="kind"/>.</summary>
    protected virtual int Tests(RunSettings settings, SubjectKind kind) => settings.PropertyTests;

    /// <summary>The budget of one input's observation.</summary>
    protected virtual TimeSpan InputBudget => Budget;

    public Observation Check(Func<IReadOnlyDictionary<string, object?>, TimeSpan, Observation> observe, SubjectKind kind, string subject, RunSettings settings)
    {
        var property = Prop.ForAll(Inputs, input =>
        {
            var observed = observe(Params(input), InputBudget);
            return Holds(input, observed, kind).Label($"{input}: {subject} observed {observed.Notation}");
        });
        return PropertyRunner.Check(property, Id, settings, Tests(settings, kind));
    }
}

/// <summary>What the runner needs of a property scenario, whatever its input type.</summary>
public interface IPropertyScenario
{
    /// <summary>Runs the property with <paramref name="observe"/> (parameters and budget of one input → the subject's
    /// observation) and returns <see cref="PropertyRunner.Passed"/> or <see cref="PropertyRunner.Falsified"/>.</summary>
    Observation Check(Func<IReadOnlyDictionary<string, object?>, TimeSpan, Observation> observe, SubjectKind kind, string subject, RunSettings settings);
}
