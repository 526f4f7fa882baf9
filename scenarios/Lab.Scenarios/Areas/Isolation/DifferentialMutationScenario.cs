using FsCheck;
using FsCheck.Fluent;
using Lab.Engine;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Isolation;

/// <summary>Generated data and mutations: both subjects must observe the same isolation outcome.</summary>
public sealed class DifferentialMutationScenario : DifferentialScenario<(List<object?> Data, List<object?> Mutations)>
{
    public override string Id => "isolation.differential-mutation";
    public override string Rule => "For any data and mutations, the engine and CPython observe the same thing: the child's changes stay in the child.";
    public override string Source => "seeds 59.2 Process Isolation; issue #3 §4 (differential properties)";

    protected override Arbitrary<(List<object?> Data, List<object?> Mutations)> Inputs =>
        Gen.Zip(DataGen.List(3), DataGen.MutationList()).ToArbitrary();

    protected override string ObserveOnEngine((List<object?> Data, List<object?> Mutations) input, ProcessContext context, TimeSpan budget) =>
        MutationInvisibleScenario.Observe(context, budget, input.Data, input.Mutations);

    protected override (string Twin, Dictionary<string, object?> Params) TwinCall((List<object?> Data, List<object?> Mutations) input) =>
        ("isolation.mutation-invisible", new Dictionary<string, object?> { ["data"] = input.Data, ["mutations"] = input.Mutations });
}
