using Lab.Engine;
using Lab.Engine.Serialization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Isolation;

/// <summary>One input {data, mutations}: the child applies the mutations to its copy and checks it became what the
/// parent predicted (exit 0, else 3); the parent then checks its own data against a snapshot.</summary>
public sealed class MutationInvisibleTwin : EngineTwin
{
    public override string Id => "isolation.mutation-invisible";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var data = (List<object?>)@case.Params["data"]!;
        var mutations = (List<object?>)@case.Params["mutations"]!;
        var snapshot = ChannelEncoder.Encode(data);
        var expected = (List<object?>)ChannelDecoder.Decode(snapshot)!;
        Mutations.Apply(expected, mutations);
        using var scope = new ChildScope(context, budget);
        var p = Run.ToEnd(scope, IsolationTargets.Mutate, [data, mutations, expected]);
        if (p is null) return Run.Hang("the mutating child");
        var parentUnchanged = ChannelEncoder.Encode(data).AsSpan().SequenceEqual(snapshot);
        return Observe.Pairs(("parent_unchanged", parentUnchanged), ("child_exitcode", p.ExitCode));
    }
}
