using System.Buffers.Binary;

namespace Lab.Engine.Serialization;

/// <summary>
/// Length-prefixed frames over a byte stream: a 4-byte big-endian length then the payload, as CPython's
/// Connection does for messages under 2 GiB (multiprocessing/connection.py, _send_bytes). A frame is never
/// merged with or split from another.
/// </summary>
internal static class Frames
{
    public static void Write(Stream stream, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, payload.Length);
        stream.Write(header);
        stream.Write(payload);
        stream.Flush();
    }

    /// <summary>Reads one frame. Returns null on a clean end of stream at a frame boundary (the peer closed);
    /// a stream that ends inside a frame, or a length over the limit, is a <see cref="ChannelFormatError"/>.</summary>
    public static byte[]? Read(Stream stream, ChannelLimits? limits = null)
    {
        limits ??= ChannelLimits.Default;
        Span<byte> header = stackalloc byte[4];
        var got = ReadUpTo(stream, header);
        if (got == 0) return null;
        if (got < 4) throw new ChannelFormatError($"truncated frame: the stream ended after {got} of 4 header bytes");
        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length < 0 || length > limits.MaxFrameBytes)
            throw new ChannelFormatError($"malformed frame: length {length} is outside 0..{limits.MaxFrameBytes}");
        var payload = MessageBuffer.Start(length);
        var filled = 0;
        while (true)
        {
            got = ReadUpTo(stream, payload.AsSpan(filled));
            filled += got;
            if (filled < payload.Length) throw new ChannelFormatError($"truncated frame: the stream ended after {filled} of {length} payload bytes");
            if (filled == length) return payload;
            MessageBuffer.Grow(ref payload, length);
        }
    }

    private static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
