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
            var (data, mutations) = input;
            var snapshot = ChannelEncoder.Encode(data);
            var expected = (List<object?>)ChannelDecoder.Decode(snapshot)!;
            Mutations.Apply(expected, mutations);
            using var scope = new ChildScope(context, budget);
            var p = Run.ToEnd(scope, IsolationTargets.Mutate, [data, mutations, expected]);
            var parentUnchanged = ChannelEncoder.Encode(data).AsSpan().SequenceEqual(snapshot);
            return (p?.ExitCode == 0 && parentUnchanged)
                .Label($"child exit code {p?.ExitCode.ToString() ?? "hang"}, parent unchanged {parentUnchanged}");
        });
        return PropertyRunner.Check(property, Id, settings, settings.PropertyTests);
    }
}
