using FsCheck;
using FsCheck.Fluent;
using Lab.Engine;
using Lab.Engine.Serialization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Isolation;

public sealed class MutationInvisibleScenario : Scenario
{
    public override string Id => "isolation.mutation-invisible";
    public override string Rule => "A child's changes to data the parent passed to it are invisible to the parent: processes have separate address spaces.";
    public override string Source => "seeds 59.2 Process Isolation; card: 'changes are NOT reflected in the parent'";
    public override ScenarioKind Kind => ScenarioKind.Property;
    public override bool HasCpythonTwin => false;

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [PropertyRunner.Case(settings)];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var inputs = Gen.Zip(DataGen.List(3), DataGen.MutationList()).ToArbitrary();
        var property = Prop.ForAll(inputs, input =>
        {
            var observed = Observe(context, budget, input.Item1, input.Item2);
            return (observed == Unchanged).Label(observed);
        });
        return PropertyRunner.Check(property, Id, settings, settings.PropertyTests);
    }

    /// <summary>The observation the CPython twin also reports for the same data and mutations.</summary>
    public const string Unchanged = "parent_unchanged=true;child_exitcode=0";

    /// <summary>The child applies the mutations to its copy and checks it became what the parent predicted
    /// (exit 0, else 3); the parent then checks its own data against a snapshot.</summary>
    public static string Observe(ProcessContext context, TimeSpan budget, List<object?> data, List<object?> mutations)
    {
        var snapshot = ChannelEncoder.Encode(data);
        var expected = (List<object?>)ChannelDecoder.Decode(snapshot)!;
        Mutations.Apply(expected, mutations);
        using var scope = new ChildScope(context, budget);
        var p = Run.ToEnd(scope, IsolationTargets.Mutate, [data, mutations, expected]);
        if (p is null) return Observation.Hang;
        var parentUnchanged = ChannelEncoder.Encode(data).AsSpan().SequenceEqual(snapshot);
        return Support.Observe.Pairs(("parent_unchanged", parentUnchanged), ("child_exitcode", p.ExitCode));
    }
}
