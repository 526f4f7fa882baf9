using FsCheck;
using FsCheck.Fluent;
using Lab.Engine;
using Lab.Scenarios.Subjects;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Model;

/// <summary>
/// A differential property (issue #3, §4): FsCheck generates inputs, and for each one the engine (spawn) and
/// CPython (the row's start method) must return the same observation. It runs on the cpython rows, where both
/// subjects are at hand; a shrunk counterexample is reported with the seed and the replay command.
/// </summary>
public abstract class DifferentialScenario<TInput> : Scenario
{
    public override ScenarioKind Kind => ScenarioKind.Property;

    public override bool AppliesToEngine(StartMethod method) => false;

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [PropertyRunner.Case(settings) with { Expected = "agree" }];

    /// <summary>Generated inputs (with shrinking where the arbitrary has it).</summary>
    protected abstract Arbitrary<TInput> Inputs { get; }

    protected abstract string ObserveOnEngine(TInput input, ProcessContext context, TimeSpan budget);

    /// <summary>The twin's id in the driver and the parameters that carry this input.</summary>
    protected abstract (string Twin, Dictionary<string, object?> Params) TwinCall(TInput input);

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget) =>
        throw new NotSupportedException("a differential scenario runs on the cpython rows");

    public override Observation? RunOnCpython(ScenarioCase @case, CpythonSubject cpython, string startMethod, RunSettings settings)
    {
        var engine = Multiprocessing.GetContext(StartMethod.Spawn);
        var property = Prop.ForAll(Inputs, input =>
        {
            var (twin, parameters) = TwinCall(input);
            var onCpython = cpython.ObserveTwin(twin, parameters, startMethod, Budget).Observed;
            var onEngine = ObserveOnEngine(input, engine, Budget);
            return (onEngine == onCpython).Label($"engine/spawn: {onEngine} | cpython/{startMethod}: {onCpython}");
        });
        var result = PropertyRunner.Check(property, Id, settings, settings.Quick ? 10 : 50);
        return result with { Observed = result.Observed == PropertyRunner.Passed ? "agree" : "disagree" };
    }
}
