using Lab.Engine;
using Lab.Engine.Processes;
using Lab.Engine.Serialization;

namespace Lab.Scenarios.EngineTwins.Isolation;

public static class IsolationTargets
{
    /// <summary>Module-level state, like a global in a CPython script.</summary>
    public static int Counter;
    public static readonly List<int> Items = [];

    /// <summary>Applies the mutations to the child's copy; exits 0 if the copy became what the parent predicted, else 3.</summary>
    [ProcessTarget]
    public static void Mutate(List<object?> data, List<object?> mutations, List<object?> expectedAfter)
    {
        Mutations.Apply(data, mutations);
        throw new SystemExit(ChannelEncoder.Encode(data).AsSpan().SequenceEqual(ChannelEncoder.Encode(expectedAfter)) ? 0 : 3);
    }

    [ProcessTarget]
    public static void MutateGlobals()
    {
        Counter += 1;
        Items.Add(1);
        throw new SystemExit(Counter == 1 && Items.Count == 1 ? 0 : 3);
    }
}
