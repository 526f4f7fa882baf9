using System.Buffers.Binary;
using Lab.Engine.Serialization;

namespace Lab.Engine.Pools;

/// <summary>
/// Received bytes split into frames (4-byte big-endian length + payload, the Connection's framing), so one read(2)
/// can bring in many frames: the pool's channels carry thousands of small frames per second and a read per frame
/// would dominate (Queues/README.md, the system-call budget).
/// </summary>
internal sealed class FrameBuffer
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    /// <summary>Room to read into. The buffer doubles only when it is full, that is as bytes arrive, never from a length
    /// header alone (issue #10 §3: a 4-byte header declaring 256 MiB cost 256 MiB at once).</summary>
    public Span<byte> FreeSpace()
    {
        if (_start > 0 && (_start == _end || _start > _buffer.Length / 2))
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        return _buffer.AsSpan(_end);
    }

    public void Advance(int count) => _end += count;

    public bool IsEmpty => _start == _end;

    /// <summary>The next complete frame, or false if only part of one (or nothing) is buffered.</summary>
    public bool TryTake(out ReadOnlySpan<byte> frame)
    {
        frame = default;
        if (_end - _start < 4) return false;
        var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start));
        if (length < 0 || length > ChannelLimits.Default.MaxFrameBytes)
            throw new ChannelFormatError($"malformed pool message: length {length} is outside 0..{ChannelLimits.Default.MaxFrameBytes}");
        if (_end - _start - 4 < length) return false;
        frame = _buffer.AsSpan(_start + 4, length);
        _start += 4 + length;
        return true;
    }
}

/// <summary>Frames waiting to be written, packed back to back so that one write(2) carries many of them.</summary>
internal sealed class OutBuffer
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    public int Count => _end - _start;

    public void Add(ReadOnlySpan<byte> payload)
    {
        if (_start == _end) _start = _end = 0;
        if (_buffer.Length - _end < payload.Length + 4)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            if (_buffer.Length - _end < payload.Length + 4)
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _end + payload.Length + 4));
        }
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_end), payload.Length);
        payload.CopyTo(_buffer.AsSpan(_end + 4));
        _end += payload.Length + 4;
    }

    public ReadOnlySpan<byte> Pending => _buffer.AsSpan(_start, _end - _start);

    public void Consumed(int count)
    {
        _start += count;
        if (_start == _end) _start = _end = 0;
    }
}
