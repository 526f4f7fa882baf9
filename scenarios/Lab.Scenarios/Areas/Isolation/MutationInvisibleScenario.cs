using FsCheck;
using FsCheck.Fluent;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Isolation;

/// <summary>FsCheck draws data and mutations; the child applies the mutations to its copy, and the parent's data must
/// stay as it was (the engine twin of this id observes one input; isolation.differential-mutation compares subjects).</summary>
public sealed class MutationInvisibleScenario : PropertyScenario<(List<object?> Data, List<object?> Mutations)>
{
    public override string Id => "isolation.mutation-invisible";
    public override string Rule => "A child's changes to data the parent passed to it are invisible to the parent: processes have separate address spaces.";
    public override string Source => "seeds 59.2 Process Isolation; card: 'changes are NOT reflected in the parent'";

    public override string? WithoutTwinOn(SubjectKind kind) =>
        kind == SubjectKind.Python ? "the isolation property runs on the engine; isolation.differential-mutation checks the Python subjects input by input" : null;

    /// <summary>What the twin observes when the child saw its own mutations and the parent's data did not change
    /// (the Python twin reports the same for the same data and mutations).</summary>
    public static readonly Observation Unchanged = "parent_unchanged=true;child_exitcode=0";

    protected override Arbitrary<(List<object?> Data, List<object?> Mutations)> Inputs =>
        Gen.Zip(DataGen.List(3), DataGen.MutationList()).ToArbitrary();

    protected override Dictionary<string, object?> Params((List<object?> Data, List<object?> Mutations) input) =>
        new() { ["data"] = input.Data, ["mutations"] = input.Mutations };

    protected override bool Holds((List<object?> Data, List<object?> Mutations) input, Observation observed, SubjectKind kind) =>
        observed == Unchanged;
}
