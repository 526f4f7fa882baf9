using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Lab.Engine.Tests;

/// <summary>A generated channel value, printed structurally when FsCheck reports a counterexample.</summary>
public sealed record ChannelValue(object? Value)
{
    public override string ToString() => ChannelValues.Describe(Value);
}

/// <summary>
/// Generators over the channel's closed set of types (ChannelEncoder.SupportedTypes) and an exact structural
/// equality: same runtime type at every node, doubles compared by bit pattern (so NaN payloads and -0.0 count).
/// </summary>
public static class ChannelValues
{
    private static Gen<object?> Boxed<T>(Gen<T> gen) => gen.Select(x => (object?)x);

    private static readonly Gen<int> AnyInt = Gen.Frequency(
        (4, Gen.Choose(int.MinValue, int.MaxValue)),
        (1, Gen.Elements(0, 1, -1, int.MinValue, int.MaxValue)));

    private static readonly Gen<long> AnyLong = Gen.Frequency(
        (4, AnyInt.Two().Select(t => ((long)t.Item1 << 32) | (uint)t.Item2)),
        (1, Gen.Elements(0L, -1L, long.MinValue, long.MaxValue, (long)int.MaxValue + 1)));

    /// <summary>Any bit pattern (including NaNs with payloads, subnormals, -0.0), plus the named specials.</summary>
    private static readonly Gen<double> AnyDouble = Gen.Frequency(
        (3, AnyLong.Select(BitConverter.Int64BitsToDouble)),
        (1, Gen.Choose(-1000, 1000).Select(i => i / 8.0)),
        (2, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0,
            double.Epsilon, double.MaxValue, double.MinValue, BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0001)))));

    /// <summary>Well-formed UTF-16 only (a lone surrogate cannot be encoded as UTF-8: see the encoder tests), with
    /// control characters, NUL, Latin-1, CJK and characters outside the BMP (surrogate pairs).</summary>
    public static readonly Gen<string> Text = Gen.OneOf(
            Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString()),
            Gen.Choose(0x00, 0x1F).Select(c => ((char)c).ToString()),
            Gen.Choose(0xA0, 0x2FF).Select(c => ((char)c).ToString()),
            Gen.Choose(0x4E00, 0x9FFF).Select(c => ((char)c).ToString()),
            Gen.Choose(0x1F300, 0x1FAFF).Select(char.ConvertFromUtf32))
        .ListOf()
        .Select(parts => string.Concat(parts));

    private static readonly Gen<byte[]> AnyBytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf();

    public static readonly Gen<object?> Scalar = Gen.OneOf(
        Gen.Constant<object?>(null),
        Boxed(Gen.Elements(true, false)),
        Boxed(AnyInt),
        Boxed(AnyLong),
        Boxed(AnyDouble),
        Boxed(Text),
        Boxed(AnyBytes),
        Boxed(AnyInt.ArrayOf()),
        Boxed(AnyLong.ArrayOf()),
        Boxed(AnyDouble.ArrayOf()));

    /// <summary>Nested values; the size bounds both the width and the depth of the tree.</summary>
    public static readonly Gen<object?> Value = Gen.Sized(size => OfSize(Math.Min(size, 40)));

    public static readonly Arbitrary<ChannelValue> Arbitrary = Arb.From(Value.Select(v => new ChannelValue(v)));

    private static Gen<object?> OfSize(int size)
    {
        if (size <= 1) return Scalar;
        var inner = OfSize(size / 3);
        var count = Gen.Choose(0, Math.Min(size, 5));
        var list = count.SelectMany(n => inner.ListOf(n)).Select(xs => (object?)new List<object?>(xs));
        var tuple = count.SelectMany(n => inner.ArrayOf(n)).Select(xs => (object?)xs);
        var dict = count.SelectMany(n => Text.Zip(inner).ListOf(n)).Select(pairs =>
        {
            var d = new Dictionary<string, object?>();
            foreach (var (k, v) in pairs) d.TryAdd(k, v);
            return (object?)d;
        });
        return Gen.Frequency((3, Scalar), (1, list), (1, tuple), (1, dict));
    }

    /// <summary>Exact structural equality, as a decode(encode(x)) round trip must give.</summary>
    public static bool Same(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a.GetType() != b.GetType()) return false;
        return (a, b) switch
        {
            (bool x, bool y) => x == y,
            (int x, int y) => x == y,
            (long x, long y) => x == y,
            (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
            (int[] x, int[] y) => x.AsSpan().SequenceEqual(y),
            (long[] x, long[] y) => x.AsSpan().SequenceEqual(y),
            (double[] x, double[] y) => x.Length == y.Length && x.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(y.Select(BitConverter.DoubleToInt64Bits)),
            (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
            (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => Same(p.First, p.Second)),
            (Dictionary<string, object?> x, Dictionary<string, object?> y) =>
                x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var other) && Same(kv.Value, other)),
            _ => throw new ArgumentException($"not a channel type: {a.GetType()}"),
        };
    }

    public static string Describe(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => $"{d.ToString("R", CultureInfo.InvariantCulture)}(0x{BitConverter.DoubleToInt64Bits(d):x16})",
        string s => "\"" + string.Concat(s.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString())) + "\"",
        byte[] bs => $"bytes[{Convert.ToHexString(bs)}]",
        int[] xs => $"int[{string.Join(",", xs)}]",
        long[] xs => $"long[{string.Join(",", xs)}]",
        double[] xs => $"double[{string.Join(",", xs.Select(x => Describe(x)))}]",
        List<object?> xs => $"[{string.Join(", ", xs.Select(Describe))}]",
        object?[] xs => $"({string.Join(", ", xs.Select(Describe))})",
        Dictionary<string, object?> d => $"{{{string.Join(", ", d.Select(kv => Describe(kv.Key) + ": " + Describe(kv.Value)))}}}",
        _ => $"<{value.GetType()}>",
    };

    /// <summary>Lists nested <paramref name="depth"/> levels deep: [[[...[]...]]].</summary>
    public static List<object?> NestedLists(int depth)
    {
        var root = new List<object?>();
        var current = root;
        for (var i = 0; i < depth; i++)
        {
            var next = new List<object?>();
            current.Add(next);
            current = next;
        }
        return root;
    }

    internal static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
