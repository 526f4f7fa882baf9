using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Lab.Engine.Serialization;
using Xunit;

namespace Lab.Engine.Tests;

/// <summary>The serialization channel (DESIGN.md "Targets and the serialization channel", seeds 59.9): exact round
/// trips over the closed set of types, clear errors for everything else, and a decoder that only ever fails with
/// <see cref="ChannelFormatError"/> whatever bytes it is given.</summary>
public class SerializationChannelTests
{
    [Fact]
    public void ChannelEncoder_RandomSupportedValues_RoundTripExactly()
    {
        PropertyCheck.Run(Prop.ForAll(ChannelValues.Arbitrary, v =>
            ChannelValues.Same(v.Value, ChannelDecoder.Decode(ChannelEncoder.Encode(v.Value)))), maxTest: 400);
    }

    /// <summary>Bit patterns (xunit would print -NaN and NaN alike, and merge the cases): quiet NaN, negative NaN,
    /// signalling NaN with a payload, infinities, -0.0, the smallest subnormal, the extremes.</summary>
    [Theory]
    [InlineData(0x7FF8_0000_0000_0000)]
    [InlineData(unchecked((long)0xFFF8_0000_0000_0000))]
    [InlineData(0x7FF0_0000_0000_0001)]
    [InlineData(0x7FF0_0000_0000_0000)]
    [InlineData(unchecked((long)0xFFF0_0000_0000_0000))]
    [InlineData(unchecked((long)0x8000_0000_0000_0000))]
    [InlineData(0x0000_0000_0000_0001)]
    [InlineData(0x7FEF_FFFF_FFFF_FFFF)]
    [InlineData(unchecked((long)0xFFEF_FFFF_FFFF_FFFF))]
    public void ChannelEncoder_SpecialDouble_RoundTripsBitForBit(long bits)
    {
        var value = BitConverter.Int64BitsToDouble(bits);
        var original = new object?[] { value, new[] { value, 1.5 } };
        var back = ChannelDecoder.Decode(ChannelEncoder.Encode(original));
        Assert.True(ChannelValues.Same(original, back), ChannelValues.Describe(back));
    }

    [Theory]
    [InlineData("")]
    [InlineData("naïve café")]
    [InlineData("日本語のテキスト")]
    [InlineData("emoji 😀 and 𝄞 outside the BMP")]
    [InlineData("nul\0inside")]
    public void ChannelEncoder_NonAsciiString_RoundTripsExactly(string text)
    {
        Assert.Equal(text, ChannelDecoder.Decode(ChannelEncoder.Encode(text)));
    }

    [Fact]
    public void ChannelEncoder_NestedContainers_KeepTheirTypes()
    {
        var value = new Dictionary<string, object?>
        {
            ["list"] = new List<object?> { 1, 2L, 3.0, "four", null, true },
            ["tuple"] = new object?[] { new byte[] { 1, 2 }, new[] { 1, 2 }, new[] { 1L }, new[] { 0.5 } },
            ["dict"] = new Dictionary<string, object?> { ["x"] = new List<object?>() },
        };
        var back = ChannelDecoder.Decode(ChannelEncoder.Encode(value));
        Assert.True(ChannelValues.Same(value, back), ChannelValues.Describe(back));
        var dict = Assert.IsType<Dictionary<string, object?>>(back);
        Assert.IsType<List<object?>>(dict["list"]);
        Assert.IsType<object?[]>(dict["tuple"]);
        Assert.IsType<long>(((List<object?>)dict["list"]!)[1]);
    }

    private sealed class CustomPayload
    {
        public int X { get; } = 1;
    }

    public static TheoryData<string, object> Unsupported => new()
    {
        { "System.IO.MemoryStream", new MemoryStream() },
        { typeof(CustomPayload).FullName!, new CustomPayload() },
        { "System.Action", (Action)(() => { }) },
        { "System.Collections.Generic.Dictionary`2[[System.Int32", new Dictionary<int, object?> { [1] = "one" } },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void ChannelEncoder_UnsupportedType_ThrowsSerializationErrorNamingTypeAndPath(string typeName, object bad)
    {
        var value = new Dictionary<string, object?> { ["outer"] = new List<object?> { 1, new object?[] { "ok", bad } } };
        var e = Assert.Throws<SerializationError>(() => ChannelEncoder.Encode(value));
        Assert.Contains(typeName, e.Message);
        Assert.StartsWith("value[\"outer\"][1][1]: ", e.Message);
        Assert.Contains(ChannelEncoder.SupportedTypes, e.Message);
    }

    [Fact]
    public void ChannelEncoder_SelfReferencingList_ThrowsDepthErrorNotStackOverflow()
    {
        var list = new List<object?> { 1 };
        list.Add(list);
        var e = Assert.Throws<SerializationError>(() => ChannelEncoder.Encode(list));
        Assert.Contains($"nesting deeper than {ChannelLimits.Default.MaxDepth} levels", e.Message);
    }

    [Fact]
    public void ChannelEncoder_NestingAtTheLimit_RoundTrips()
    {
        var value = ChannelValues.NestedLists(ChannelLimits.Default.MaxDepth);
        Assert.True(ChannelValues.Same(value, ChannelDecoder.Decode(ChannelEncoder.Encode(value))));
    }

    [Fact]
    public void ChannelEncoder_NestingOneOverTheLimit_ThrowsSerializationError()
    {
        var e = Assert.Throws<SerializationError>(() => ChannelEncoder.Encode(ChannelValues.NestedLists(ChannelLimits.Default.MaxDepth + 1)));
        Assert.Contains("nesting deeper than", e.Message);
    }

    [Fact]
    public void ChannelEncoder_ValueOverMaxFrameBytes_ThrowsSerializationError()
    {
        var e = Assert.Throws<SerializationError>(() => ChannelEncoder.Encode(new byte[100], new ChannelLimits(MaxFrameBytes: 50, MaxDepth: 64)));
        Assert.Contains("over the channel's limit of 50 bytes", e.Message);
    }

    /// <summary>A .NET string may hold a lone UTF-16 surrogate, which has no UTF-8 form: sending it must be an
    /// error in the sender, not a silent replacement by U+FFFD on the other side. (Cases are chosen by index:
    /// xunit's theory-data serialization would itself replace a lone surrogate in an InlineData string.)</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void ChannelEncoder_LoneSurrogate_ThrowsSerializationErrorInsteadOfCorrupting(int which)
    {
        var text = new[] { "\ud800", "tail \udfff", "swapped \ude00\ud83d" }[which];
        Assert.True(text.Any(char.IsSurrogate) && !text.Contains('\uFFFD'), "the case must really hold a lone surrogate");
        var e = Assert.Throws<SerializationError>(() => ChannelEncoder.Encode(new List<object?> { "fine", text }));
        Assert.StartsWith("value[1]: ", e.Message);
        Assert.Contains("UTF-8", e.Message);
    }

    /// <summary>Arbitrary UTF-16 code units, surrogates over-represented so that lone ones, pairs and swapped pairs
    /// all occur (FsCheck's default string generator is ASCII only).</summary>
    private static readonly Arbitrary<string> AnyUtf16 = Arb.From(
        Gen.Frequency((2, Gen.Choose(0, 0xFFFF)), (1, Gen.Choose(0xD800, 0xDFFF)))
            .Select(c => (char)c).ArrayOf().Select(chars => new string(chars)));

    /// <summary>Any .NET string, well-formed or not: either it arrives unchanged or the sender gets a
    /// SerializationError. Never a different string.</summary>
    [Fact]
    public void ChannelEncoder_ArbitraryUtf16String_RoundTripsOrIsRefused()
    {
        PropertyCheck.Run(Prop.ForAll(AnyUtf16, s =>
        {
            byte[] bytes;
            try { bytes = ChannelEncoder.Encode(s); }
            catch (SerializationError) { return s.Any(char.IsSurrogate); }
            return string.Equals(s, (string?)ChannelDecoder.Decode(bytes), StringComparison.Ordinal);
        }), maxTest: 500);
    }

    // ---- decoding malformed input ----

    /// <summary>Builds raw channel bytes: a byte is itself, an int is 4 little-endian bytes, a byte[] is spliced.</summary>
    private static byte[] Raw(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case ChannelTag t: bytes.Add((byte)t); break;
                case byte b: bytes.Add(b); break;
                case int i:
                    var four = new byte[4];
                    BinaryPrimitives.WriteInt32LittleEndian(four, i);
                    bytes.AddRange(four);
                    break;
                case byte[] bs: bytes.AddRange(bs); break;
                default: throw new ArgumentException(part.GetType().Name);
            }
        }
        return bytes.ToArray();
    }

    public static TheoryData<string, byte[], string> Malformed => new()
    {
        { "empty input", [], "truncated" },
        { "truncated int", Raw(ChannelTag.Int32, (byte)1, (byte)2), "truncated" },
        { "truncated double", Raw(ChannelTag.Double, 0), "truncated" },
        { "truncated string", Raw(ChannelTag.String, 5, (byte)'a', (byte)'b'), "length 5 exceeds" },
        { "list whose last item is cut short", Raw(ChannelTag.List, 2, ChannelTag.Null, ChannelTag.Int32), "truncated" },
        { "list count beyond the bytes left", Raw(ChannelTag.List, 2, ChannelTag.Null), "length 2 exceeds" },
        { "unknown tag", Raw((byte)200), "unknown type tag 200" },
        { "unknown tag inside a list", Raw(ChannelTag.List, 1, (byte)99), "unknown type tag 99 at byte 5" },
        { "forged huge string length", Raw(ChannelTag.String, int.MaxValue, (byte)'x'), $"length {int.MaxValue} exceeds" },
        { "forged huge list count", Raw(ChannelTag.List, int.MaxValue, ChannelTag.Null), $"length {int.MaxValue} exceeds" },
        { "forged huge int array", Raw(ChannelTag.Int32Array, 1 << 29, 0), $"length {1 << 29} exceeds" },
        { "negative length", Raw(ChannelTag.Bytes, -1), "length -1 exceeds" },
        { "trailing bytes", Raw(ChannelTag.Int32, 7, (byte)0, (byte)0), "2 unexpected trailing bytes" },
        { "two values", Raw(ChannelTag.Null, ChannelTag.Null), "1 unexpected trailing bytes" },
        { "invalid UTF-8", Raw(ChannelTag.String, 2, (byte)0xC3, (byte)0x28), "invalid UTF-8" },
        { "UTF-8 encoded surrogate", Raw(ChannelTag.String, 3, (byte)0xED, (byte)0xA0, (byte)0x80), "invalid UTF-8" },
        { "overlong UTF-8", Raw(ChannelTag.String, 2, (byte)0xC0, (byte)0xAF), "invalid UTF-8" },
        { "duplicate dictionary key", Raw(ChannelTag.Dict, 2, ChannelTag.String, 1, (byte)'k', ChannelTag.Null, ChannelTag.String, 1, (byte)'k', ChannelTag.True), "duplicate dictionary key \"k\"" },
        { "non-string dictionary key", Raw(ChannelTag.Dict, 1, ChannelTag.Int32, 1, ChannelTag.Null), "key is not a string" },
        { "null dictionary key", Raw(ChannelTag.Dict, 1, ChannelTag.Null, ChannelTag.Null), "key is not a string" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void ChannelDecoder_MalformedBytes_ThrowsChannelFormatError(string why, byte[] bytes, string expected)
    {
        var e = Assert.Throws<ChannelFormatError>(() => ChannelDecoder.Decode(bytes));
        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"{why}: {e.Message}");
    }

    [Fact]
    public void ChannelDecoder_NestingFarBeyondTheLimit_ThrowsChannelFormatErrorNotStackOverflow()
    {
        // 100 000 nested one-element lists: a recursive decoder without a bound would overflow the stack.
        var bytes = new List<byte>();
        for (var i = 0; i < 100_000; i++) bytes.AddRange(Raw(ChannelTag.List, 1));
        bytes.Add((byte)ChannelTag.Null);
        var e = Assert.Throws<ChannelFormatError>(() => ChannelDecoder.Decode(bytes.ToArray()));
        Assert.Contains("nesting deeper than", e.Message);
    }

    private static readonly Arbitrary<byte[]> AnyBytes =
        Arb.From(Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf());

    /// <summary>The decoder's whole failure surface: a value or a ChannelFormatError, never another exception.</summary>
    private static bool DecodesOrRejects(byte[] bytes)
    {
        try
        {
            ChannelDecoder.Decode(bytes);
        }
        catch (ChannelFormatError)
        {
        }
        return true;
    }

    [Fact]
    public void ChannelDecoder_ArbitraryBytes_ReturnValueOrThrowChannelFormatError()
    {
        PropertyCheck.Run(Prop.ForAll(AnyBytes, DecodesOrRejects), maxTest: 3000);
    }

    /// <summary>Arbitrary bytes mostly fail at the first tag; corrupting valid encodings reaches the deeper paths.</summary>
    [Fact]
    public void ChannelDecoder_CorruptedValidEncodings_ReturnValueOrThrowChannelFormatError()
    {
        var corrupted =
            from value in ChannelValues.Value
            let encoded = ChannelEncoder.Encode(value)
            from position in Gen.Choose(0, Math.Max(0, encoded.Length - 1))
            from replacement in Gen.Choose(0, 255)
            from cut in Gen.Choose(0, encoded.Length)
            from mode in Gen.Choose(0, 2)
            select mode switch
            {
                0 when encoded.Length > 0 => encoded.Select((b, i) => i == position ? (byte)replacement : b).ToArray(),
                1 => encoded[..cut],
                _ => encoded.Concat(new[] { (byte)replacement }).ToArray(),
            };
        PropertyCheck.Run(Prop.ForAll(Arb.From(corrupted), DecodesOrRejects), maxTest: 2000);
    }
}
