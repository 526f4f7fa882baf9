using FsCheck;
using FsCheck.Fluent;

namespace Lab.Scenarios.Areas.Isolation;

/// <summary>Generators of channel values (ints, strings, nested lists and string-keyed dictionaries) and of
/// mutation lists in the shared mutation language.</summary>
public static class DataGen
{
    public static Gen<object?> Value(int depth)
    {
        var leaf = Gen.OneOf(
            Gen.Choose(-1000, 1000).Select(i => (object?)i),
            Gen.Elements("a", "bc", "héllo", "", "x y").Select(s => (object?)s),
            Gen.Constant((object?)null));
        if (depth <= 0) return leaf;
        return Gen.Frequency(
            (4, leaf),
            (1, List(depth - 1).Select(l => (object?)l)),
            (1, Dict(depth - 1).Select(d => (object?)d)));
    }

    public static Gen<List<object?>> List(int depth) =>
        Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(Value(depth), n)).Select(a => a.ToList());

    public static Gen<Dictionary<string, object?>> Dict(int depth) =>
        Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Value(depth), n))
            .Select(values => values.Select((v, i) => (Key: $"k{i}", v)).ToDictionary(p => p.Key, p => p.v));

    public static Gen<List<object?>> MutationList() =>
        Gen.Choose(1, 5).SelectMany(n => Gen.ArrayOf(Mutation(), n)).Select(a => a.Select(m => (object?)m).ToList());

    private static Gen<List<object?>> Mutation() => Gen.OneOf(
        Value(1).Select(v => new List<object?> { "append", v }),
        Gen.Zip(Gen.Choose(0, 10), Value(1)).Select(t => new List<object?> { "set", t.Item1, t.Item2 }),
        Gen.Zip(Gen.Choose(0, 10), Value(1)).Select(t => new List<object?> { "insert", t.Item1, t.Item2 }),
        Gen.Constant(new List<object?> { "pop" }),
        Gen.Constant(new List<object?> { "clear" }));
}
