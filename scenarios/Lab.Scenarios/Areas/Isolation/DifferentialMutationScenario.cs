using FsCheck;
using FsCheck.Fluent;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Isolation;

/// <summary>Generated data and mutations: every subject must observe the same isolation outcome.</summary>
public sealed class DifferentialMutationScenario : DifferentialScenario<(List<object?> Data, List<object?> Mutations)>
{
    public override string Id => "isolation.differential-mutation";
    public override string Rule => "For any data and mutations, every subject observes the same thing: the child's changes stay in the child.";
    public override string Source => "seeds 59.2 Process Isolation; issue #3 §4 (differential properties)";
    public override string TwinId => "isolation.mutation-invisible";

    protected override Gen<(List<object?> Data, List<object?> Mutations)> Inputs => Gen.Zip(DataGen.List(3), DataGen.MutationList());

    protected override Dictionary<string, object?> Params((List<object?> Data, List<object?> Mutations) input) =>
        new() { ["data"] = input.Data, ["mutations"] = input.Mutations };
}
