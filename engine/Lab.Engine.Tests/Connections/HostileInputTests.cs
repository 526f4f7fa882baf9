using System.Buffers.Binary;
using Lab.Engine.Connections;
using Lab.Engine.Pools;
using Lab.Engine.Serialization;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace Lab.Engine.Tests.Connections;

/// <summary>
/// Issue #10 §3: what a peer declares costs nothing until its bytes arrive. Before the fix a 4-byte header declaring
/// 256 MiB made the receiver allocate 256 MiB before any body byte, a forged list or dictionary count made the decoder
/// allocate 8–14 times the frame before its first bad byte, and a timed receive blocked forever on a message its
/// sender never finished. Allocation is measured on the receiving thread (GC.GetAllocatedBytesForCurrentThread).
/// </summary>
public class HostileInputTests
{
    /// <summary>Far below what the declared lengths and counts would cost (tens to hundreds of MiB).</summary>
    private const long SmallAllocation = 1024 * 1024;

    private const int Declared = 200 * 1024 * 1024;

    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>A container of <paramref name="count"/> elements whose first element is a null and whose second is an
    /// unknown tag, padded so that the count passes the decoder's remaining-bytes check.</summary>
    private static byte[] ForgedContainer(byte tag, int count, int bytesPerElement)
    {
        var frame = new byte[5 + count * bytesPerElement];
        frame[0] = tag;
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(1), count);
        frame[5] = 0;      // Null
        frame[6] = 0xFF;   // no such tag
        return frame;
    }

    [Theory]
    [InlineData(8, 2_000_000, 1)]   // list
    [InlineData(9, 2_000_000, 1)]   // tuple
    [InlineData(10, 2_000_000, 2)]  // dictionary
    public void Decoder_ForgedCount_AllocatesLittleBeforeTheError(byte tag, int count, int bytesPerElement)
    {
        var frame = ForgedContainer(tag, count, bytesPerElement);
        var allocated = AllocatedBy(() => Assert.Throws<ChannelFormatError>(() => ChannelDecoder.Decode(frame)));
        Assert.True(allocated < SmallAllocation, $"decoding a forged {frame.Length}-byte frame allocated {allocated} bytes");
    }

    [Fact]
    public void Decoder_LargeGenuineTuple_StillDecodes()
    {
        var tuple = Enumerable.Range(0, 5000).Select(i => (object?)i).ToArray();
        Assert.Equal(tuple, (object?[])ChannelDecoder.Decode(ChannelEncoder.Encode(tuple))!);
    }

    [Fact]
    public void Frames_HeaderAlone_AllocatesLittle_TruncatedError()
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, Declared);
        var allocated = AllocatedBy(() => Assert.Throws<ChannelFormatError>(() => Frames.Read(new MemoryStream(header))));
        Assert.True(allocated < SmallAllocation, $"a header alone made Frames.Read allocate {allocated} bytes");
    }

    [Fact]
    public void Frames_LargeFrame_ReadWhole()
    {
        var payload = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();
        var stream = new MemoryStream();
        Frames.Write(stream, payload);
        stream.Position = 0;
        Assert.Equal(payload, Frames.Read(stream));
    }

    [Fact]
    public void PoolFrameBuffer_HeaderAlone_DoesNotGrowToTheDeclaredLength()
    {
        var buffer = new FrameBuffer();
        BinaryPrimitives.WriteInt32BigEndian(buffer.FreeSpace(), Declared);
        buffer.Advance(4);
        Assert.False(buffer.TryTake(out _));
        Assert.True(buffer.FreeSpace().Length < SmallAllocation);
    }

    /// <summary>Runs a receive on its own thread, bounded: the old code blocked forever here, which must fail the test,
    /// not hang it (the writer is closed afterwards, which ends any read).</summary>
    private static T Receive<T>(Connection writer, Func<T> receive)
    {
        var task = Task.Factory.StartNew(receive, TaskCreationOptions.LongRunning);
        try
        {
            Assert.True(task.Wait(Limits.Join), "the timed receive did not return");
            return task.Result;
        }
        finally
        {
            writer.Dispose();
        }
    }

    private static void WriteRaw(Connection writer, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(new SafeFileHandle(writer.Fileno, ownsHandle: false), FileAccess.Write, 1);
        stream.Write(bytes);
    }

    [Fact]
    public void RecvBytes_HeaderThenSilence_TimesOutWithoutAllocatingTheDeclaredLength()
    {
        var (reader, writer) = Pipe.Create(duplex: false);
        using (reader)
        {
            var header = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(header, Declared);
            WriteRaw(writer, header);
            var allocated = Receive(writer, () => AllocatedBy(() =>
                Assert.Throws<TimeoutException>(() => reader.RecvBytes(timeout: TimeSpan.FromMilliseconds(100)))));
            Assert.True(allocated < SmallAllocation, $"a header alone made RecvBytes allocate {allocated} bytes");
        }
    }

    [Fact]
    public void RecvBytes_MessageCutByTheTimeout_NextReceiveContinuesIt()
    {
        var (reader, writer) = Pipe.Create(duplex: false);
        using (reader)
        {
            var message = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
            var header = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(header, message.Length);
            WriteRaw(writer, header.Concat(message.Take(30)).ToArray());
            var got = Receive(writer, () =>
            {
                Assert.Throws<TimeoutException>(() => reader.RecvBytes(timeout: TimeSpan.FromMilliseconds(50)));
                var into = new byte[200];
                Assert.Throws<TimeoutException>(() => reader.RecvBytesInto(into, 0, TimeSpan.FromMilliseconds(50)));
                WriteRaw(writer, message.AsSpan(30));
                writer.Send("after");
                var n = reader.RecvBytesInto(into, 7, Limits.Join);
                return (into.AsSpan(7, n).ToArray(), reader.Recv(Limits.Join));
            });
            Assert.Equal(message, got.Item1);
            Assert.Equal("after", got.Item2);
        }
    }

    [Fact]
    public void RecvBytesInto_MessageCutByTheTimeout_NextRecvBytesContinuesIt()
    {
        var (reader, writer) = Pipe.Create(duplex: false);
        using (reader)
        {
            var header = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(header, 10);
            WriteRaw(writer, header.Concat(new byte[] { 1, 2, 3 }).ToArray());
            var got = Receive(writer, () =>
            {
                Assert.Throws<TimeoutException>(() => reader.RecvBytesInto(new byte[10], 0, TimeSpan.FromMilliseconds(50)));
                WriteRaw(writer, new byte[] { 4, 5, 6, 7, 8, 9, 10 });
                return reader.RecvBytes(timeout: Limits.Join);
            });
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (byte)i), got);
        }
    }
}
