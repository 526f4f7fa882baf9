using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Lab.Engine.Serialization;
using Xunit;

namespace Lab.Engine.Tests;

/// <summary>Length-prefixed frames (multiprocessing/connection.py's message framing): boundaries are kept, a stream
/// that ends inside a frame is an error, a clean end is null, and lengths are bounded before any allocation.</summary>
public class FramesTests
{
    private static byte[] Header(int length)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, length);
        return header;
    }

    [Fact]
    public void Frames_SeveralFramesIncludingEmpty_KeepTheirBoundaries()
    {
        byte[][] payloads = [[1, 2, 3], [], [0], new byte[70_000], [], [255, 254]];
        new Random(1).NextBytes(payloads[3]);
        using var stream = new MemoryStream();
        foreach (var p in payloads) Frames.Write(stream, p);
        stream.Position = 0;
        foreach (var p in payloads) Assert.Equal(p, Frames.Read(stream));
        Assert.Null(Frames.Read(stream));
    }

    /// <summary>A stream that hands out at most a few bytes per Read, as a pipe or socket may.</summary>
    private sealed class TrickleStream(byte[] data, int[] chunks) : Stream
    {
        private int _position, _call;
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(buffer.Length, chunks[_call++ % chunks.Length]), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void Frames_RandomFramesReadInSmallChunks_ComeBackWhole()
    {
        var frames = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().ListOf();
        var chunks = Gen.Choose(1, 7).ArrayOf().Where(a => a.Length > 0);
        PropertyCheck.Run(Prop.ForAll(Arb.From(frames.Zip(chunks)), t =>
        {
            var (payloads, chunkSizes) = t;
            using var written = new MemoryStream();
            foreach (var p in payloads) Frames.Write(written, p);
            var reader = new TrickleStream(written.ToArray(), chunkSizes);
            var back = new List<byte[]>();
            while (Frames.Read(reader) is { } frame) back.Add(frame);
            return back.Count == payloads.Count && back.Zip(payloads).All(p => p.First.AsSpan().SequenceEqual(p.Second));
        }), maxTest: 300);
    }

    [Fact]
    public void Frames_EmptyStream_ReturnsNull()
    {
        Assert.Null(Frames.Read(new MemoryStream()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Frames_StreamEndsInsideHeader_ThrowsChannelFormatError(int headerBytes)
    {
        var e = Assert.Throws<ChannelFormatError>(() => Frames.Read(new MemoryStream(Header(10)[..headerBytes])));
        Assert.Contains($"after {headerBytes} of 4 header bytes", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(9)]
    public void Frames_StreamEndsInsidePayload_ThrowsChannelFormatError(int payloadBytes)
    {
        var bytes = Header(10).Concat(new byte[payloadBytes]).ToArray();
        var e = Assert.Throws<ChannelFormatError>(() => Frames.Read(new MemoryStream(bytes)));
        Assert.Contains($"after {payloadBytes} of 10 payload bytes", e.Message);
    }

    [Fact]
    public void Frames_LengthOverMaxFrameBytes_IsRefusedBeforeReadingThePayload()
    {
        var limits = new ChannelLimits(MaxFrameBytes: 16, MaxDepth: 64);
        var exact = Header(16).Concat(new byte[16]).ToArray();
        Assert.Equal(16, Frames.Read(new MemoryStream(exact), limits)!.Length);

        var over = Header(17).Concat(new byte[17]).ToArray();
        var e = Assert.Throws<ChannelFormatError>(() => Frames.Read(new MemoryStream(over), limits));
        Assert.Contains("length 17 is outside 0..16", e.Message);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    [InlineData(-1)]
    public void Frames_ForgedHeaderWithDefaultLimits_IsRefusedWithoutAllocating(int length)
    {
        // Only the header is present: a reader that trusted the length would allocate up to 2 GiB first.
        var e = Assert.Throws<ChannelFormatError>(() => Frames.Read(new MemoryStream(Header(length))));
        Assert.Contains($"length {length} is outside", e.Message);
    }
}
