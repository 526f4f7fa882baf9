using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Lab.Engine.Serialization;

/// <summary>
/// Turns bytes back into a value. Every length is checked against the bytes that remain before anything is
/// allocated, nesting is bounded, and only the closed set of <see cref="ChannelTag"/> types is ever built.
/// </summary>
internal static class ChannelDecoder
{
    public static object? Decode(ReadOnlySpan<byte> bytes, ChannelLimits? limits = null) => Decode(bytes, limits, inheritance: null);

    /// <summary>With <paramref name="inheritance"/> (only while a child reads its bootstrap), inherited engine
    /// resources are rebuilt from their registered kinds.</summary>
    internal static object? Decode(ReadOnlySpan<byte> bytes, ChannelLimits? limits, Sharing.InheritanceReader? inheritance)
    {
        limits ??= ChannelLimits.Default;
        var reader = new Reader(bytes, limits, inheritance);
        var value = reader.Value(0);
        if (reader.Remaining != 0)
            throw new ChannelFormatError($"malformed value: {reader.Remaining} unexpected trailing bytes after the value");
        return value;
    }

    /// <summary>
    /// Containers start with room for at most this many elements and grow as elements are actually decoded (issue #10
    /// §3): a declared count is checked against the bytes that remain, but an element can be a 1-byte tag that becomes an
    /// 8-byte reference (24 for a dictionary entry), so sizing from the count let a forged frame cost 8–14 times its
    /// size before its first bad byte was seen.
    /// </summary>
    private const int InitialCapacity = 1024;

    private ref struct Reader(ReadOnlySpan<byte> bytes, ChannelLimits limits, Sharing.InheritanceReader? inheritance)
    {
        private ReadOnlySpan<byte> _rest = bytes;
        private readonly int _size = bytes.Length;

        public int Remaining => _rest.Length;

        public object? Value(int depth)
        {
            if (depth > limits.MaxDepth)
                throw new ChannelFormatError($"malformed value: nesting deeper than {limits.MaxDepth} levels");
            var tag = (ChannelTag)Take(1)[0];
            switch (tag)
            {
                case ChannelTag.Null: return null;
                case ChannelTag.False: return false;
                case ChannelTag.True: return true;
                case ChannelTag.Int32: return BinaryPrimitives.ReadInt32LittleEndian(Take(4));
                case ChannelTag.Int64: return BinaryPrimitives.ReadInt64LittleEndian(Take(8));
                case ChannelTag.Double: return BinaryPrimitives.ReadDoubleLittleEndian(Take(8));
                case ChannelTag.String:
                    try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(Count(1))); }
                    catch (DecoderFallbackException e) { throw new ChannelFormatError($"malformed value: invalid UTF-8 in a string ({e.Message})"); }
                case ChannelTag.Bytes: return Take(Count(1)).ToArray();
                case ChannelTag.Int32Array: return MemoryMarshal.Cast<byte, int>(Take(Count(4) * 4)).ToArray();
                case ChannelTag.Int64Array: return MemoryMarshal.Cast<byte, long>(Take(Count(8) * 8)).ToArray();
                case ChannelTag.DoubleArray: return MemoryMarshal.Cast<byte, double>(Take(Count(8) * 8)).ToArray();
                case ChannelTag.List:
                {
                    var n = Count(1);
                    var list = new List<object?>(Math.Min(n, InitialCapacity));
                    for (var i = 0; i < n; i++) list.Add(Value(depth + 1));
                    return list;
                }
                case ChannelTag.Tuple:
                {
                    var n = Count(1);
                    var tuple = new object?[Math.Min(n, InitialCapacity)];
                    for (var i = 0; i < n; i++)
                    {
                        if (i == tuple.Length) Array.Resize(ref tuple, (int)Math.Min(n, 2L * tuple.Length));
                        tuple[i] = Value(depth + 1);
                    }
                    return tuple;
                }
                case ChannelTag.Dict:
                {
                    var n = Count(2);
                    var dict = new Dictionary<string, object?>(Math.Min(n, InitialCapacity));
                    for (var i = 0; i < n; i++)
                    {
                        if (Value(depth + 1) is not string key)
                            throw new ChannelFormatError("malformed value: a dictionary key is not a string");
                        if (!dict.TryAdd(key, Value(depth + 1)))
                            throw new ChannelFormatError($"malformed value: duplicate dictionary key \"{key}\"");
                    }
                    return dict;
                }
                case ChannelTag.Inherited:
                {
                    if (inheritance is null)
                        throw new ChannelFormatError("malformed value: an inherited resource outside of a child's bootstrap");
                    if (Value(depth + 1) is not string kind)
                        throw new ChannelFormatError("malformed value: an inherited resource without a kind name");
                    return Sharing.InheritedKinds.Create(kind, Value(depth + 1), inheritance);
                }
                default:
                    throw new ChannelFormatError($"malformed value: unknown type tag {(byte)tag} at byte {_size - _rest.Length - 1}");
            }
        }

        /// <summary>Reads an element count and checks that at least <paramref name="minBytesPerItem"/> bytes per
        /// element remain, so a forged count cannot make the decoder allocate more than the frame holds.</summary>
        private int Count(int minBytesPerItem)
        {
            var n = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
            if (n < 0 || (long)n * minBytesPerItem > _rest.Length)
                throw new ChannelFormatError($"malformed value: length {n} exceeds the {_rest.Length} bytes that remain");
            return n;
        }

        private ReadOnlySpan<byte> Take(int n)
        {
            if (n > _rest.Length)
                throw new ChannelFormatError($"malformed value: truncated (needed {n} bytes, {_rest.Length} remain)");
            var taken = _rest[..n];
            _rest = _rest[n..];
            return taken;
        }
    }
}
