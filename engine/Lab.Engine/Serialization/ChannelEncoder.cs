using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Lab.Engine.Serialization;

/// <summary>Turns a value made of the channel's closed set of types into bytes (see <see cref="ChannelTag"/>).</summary>
internal static class ChannelEncoder
{
    /// <summary>The .NET types that can cross the boundary, for error messages and documentation.</summary>
    public const string SupportedTypes =
        "null, bool, int, long, double, string, byte[], int[], long[], double[], List<object?>, object?[] (a tuple), Dictionary<string, object?>";

    public static byte[] Encode(object? value, ChannelLimits? limits = null) => Encode(value, limits, inheritance: null);

    /// <summary>With <paramref name="inheritance"/>, engine resources (connections, locks, queues, shared memory)
    /// may appear in the value; their descriptors are collected for the child's start.</summary>
    internal static byte[] Encode(object? value, ChannelLimits? limits, Sharing.InheritanceWriter? inheritance, string path = "value")
    {
        limits ??= ChannelLimits.Default;
        var buffer = new ArrayBufferWriter<byte>(256);
        new Writer(buffer, limits, inheritance).Write(value, ValuePath.Root(path), 0);
        if (buffer.WrittenCount > limits.MaxFrameBytes)
            throw new SerializationError($"value serializes to {buffer.WrittenCount} bytes, over the channel's limit of {limits.MaxFrameBytes} bytes");
        return buffer.WrittenSpan.ToArray();
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly struct Writer(ArrayBufferWriter<byte> w, ChannelLimits limits, Sharing.InheritanceWriter? inheritance)
    {
        public void Write(object? value, ValuePath path, int depth)
        {
            if (depth > limits.MaxDepth)
                throw new SerializationError($"{path}: nesting deeper than {limits.MaxDepth} levels (a cycle?)");
            switch (value)
            {
                case null: Tag(w, ChannelTag.Null); break;
                case bool b: Tag(w, b ? ChannelTag.True : ChannelTag.False); break;
                case int i: Tag(w, ChannelTag.Int32); BinaryPrimitives.WriteInt32LittleEndian(w.GetSpan(4), i); w.Advance(4); break;
                case long l: Tag(w, ChannelTag.Int64); BinaryPrimitives.WriteInt64LittleEndian(w.GetSpan(8), l); w.Advance(8); break;
                case double d: Tag(w, ChannelTag.Double); BinaryPrimitives.WriteDoubleLittleEndian(w.GetSpan(8), d); w.Advance(8); break;
                case string s:
                    Tag(w, ChannelTag.String);
                    int n;
                    try { n = StrictUtf8.GetByteCount(s); }
                    catch (EncoderFallbackException e)
                    {
                        // Encoding.UTF8 would silently send U+FFFD instead: the receiver would get a different string.
                        throw new SerializationError($"{path}: the string holds a lone UTF-16 surrogate at index {e.Index}, which has no UTF-8 form");
                    }
                    Length(w, n);
                    StrictUtf8.GetBytes(s, w.GetSpan(n)); w.Advance(n);
                    break;
                case byte[] bytes: Tag(w, ChannelTag.Bytes); Length(w, bytes.Length); w.Write(bytes); break;
                case int[] ints: Tag(w, ChannelTag.Int32Array); Length(w, ints.Length); w.Write(MemoryMarshal.AsBytes(ints.AsSpan())); break;
                case long[] longs: Tag(w, ChannelTag.Int64Array); Length(w, longs.Length); w.Write(MemoryMarshal.AsBytes(longs.AsSpan())); break;
                case double[] doubles: Tag(w, ChannelTag.DoubleArray); Length(w, doubles.Length); w.Write(MemoryMarshal.AsBytes(doubles.AsSpan())); break;
                case List<object?> list:
                {
                    Tag(w, ChannelTag.List); Length(w, list.Count);
                    var container = path.AsContainer();
                    for (var i = 0; i < list.Count; i++) Write(list[i], container.Item(i), depth + 1);
                    break;
                }
                case object?[] tuple:
                {
                    Tag(w, ChannelTag.Tuple); Length(w, tuple.Length);
                    var container = path.AsContainer();
                    for (var i = 0; i < tuple.Length; i++) Write(tuple[i], container.Item(i), depth + 1);
                    break;
                }
                case Dictionary<string, object?> dict:
                {
                    Tag(w, ChannelTag.Dict); Length(w, dict.Count);
                    var container = path.AsContainer();
                    foreach (var (key, item) in dict)
                    {
                        Write(key, path, depth + 1);
                        Write(item, container.Entry(key), depth + 1);
                    }
                    break;
                }
                case Sharing.IInheritable resource when inheritance is not null && inheritance.Allows(resource.InheritedKind):
                    Tag(w, ChannelTag.Inherited);
                    Write(resource.InheritedKind, path, depth + 1);
                    Write(resource.ExportState(inheritance), path, depth + 1);
                    break;
                case Sharing.IInheritable resource:
                    throw new SerializationError(
                        $"{path}: a {resource.InheritedKind} can only be handed to a child process as an argument of its target when it starts, " +
                        "where its descriptors are inherited (CPython: such objects \"should only be shared between processes through inheritance\").");
                default:
                    throw new SerializationError(
                        $"{path}: cannot serialize a value of type {value.GetType().FullName}. " +
                        $"Values that cross a process boundary must be one of: {SupportedTypes}.");
            }
        }
    }

    /// <summary>
    /// Where a value sits in the encoded whole ("args[0][\"key\"][3]"), for error messages only. It is built lazily: one
    /// small node per container and none per element, because formatting a path string for every element cost more
    /// than encoding the element (about 360 ns per list item, measured on a pool map).
    /// </summary>
    private readonly struct ValuePath
    {
        private readonly Container? _parent;
        private readonly string? _root;
        private readonly string? _key;
        private readonly int _index;

        private ValuePath(Container? parent, string? root, int index, string? key)
        {
            _parent = parent; _root = root; _index = index; _key = key;
        }

        public static ValuePath Root(string name) => new(null, name, 0, null);

        public Container AsContainer() => new(this);

        public override string ToString() => _parent is null ? _root! : _key is not null ? $"{_parent}[\"{_key}\"]" : $"{_parent}[{_index}]";

        public sealed class Container(ValuePath self)
        {
            public ValuePath Item(int index) => new(this, null, index, null);

            public ValuePath Entry(string key) => new(this, null, 0, key);

            public override string ToString() => self.ToString();
        }
    }

    private static void Tag(ArrayBufferWriter<byte> w, ChannelTag tag)
    {
        w.GetSpan(1)[0] = (byte)tag;
        w.Advance(1);
    }

    private static void Length(ArrayBufferWriter<byte> w, int length)
    {
        BinaryPrimitives.WriteInt32LittleEndian(w.GetSpan(4), length);
        w.Advance(4);
    }
}
