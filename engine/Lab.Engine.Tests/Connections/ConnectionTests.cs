using FsCheck;
using FsCheck.Fluent;
using Lab.Engine.Connections;
using Lab.Engine.Serialization;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace Lab.Engine.Tests.Connections;

public class ConnectionTests
{
    private static readonly TimeSpan Wait = Limits.Join;

    [Fact]
    public void Pipe_Duplex_BothEndsSendAndReceiveValues()
    {
        var (a, b) = Pipe.Create();
        using (a) using (b)
        {
            a.Send(new Dictionary<string, object?> { ["x"] = 1 });
            b.Send("back");
            Assert.Equal(1, ((Dictionary<string, object?>)b.Recv(Wait)!)["x"]);
            Assert.Equal("back", a.Recv(Wait));
        }
    }

    [Fact]
    public void Pipe_OneWay_WrongEndIsAnError()
    {
        var (reader, writer) = Pipe.Create(duplex: false);
        using (reader) using (writer)
        {
            Assert.Equal("connection is read-only", Assert.Throws<IOException>(() => reader.Send(1)).Message);
            Assert.Equal("connection is write-only", Assert.Throws<IOException>(() => writer.Recv()).Message);
            Assert.True(reader.Readable && !reader.Writable && writer.Writable && !writer.Readable);
        }
    }

    [Fact]
    public void Connection_Messages_AreNeverMergedOrSplitAndEmptyOnesCount()
    {
        var (a, b) = Pipe.Create();
        using (a) using (b)
        {
            a.SendBytes([1]);
            a.SendBytes([]);
            a.SendBytes([2, 3]);
            Assert.Equal([1], b.RecvBytes(timeout: Wait));
            Assert.Empty(b.RecvBytes(timeout: Wait));
            Assert.Equal([2, 3], b.RecvBytes(timeout: Wait));
            Assert.False(b.Poll());
        }
    }

    [Fact]
    public void SendBytes_OffsetAndSize_SendsTheSliceAndChecksBoundsWithCpythonMessages()
    {
        var (a, b) = Pipe.Create();
        using (a) using (b)
        {
            a.SendBytes([0, 1, 2, 3, 4], offset: 1, size: 3);
            Assert.Equal([1, 2, 3], b.RecvBytes(timeout: Wait));
            Assert.Contains("offset is negative", Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes([1], offset: -1)).Message);
            Assert.Contains("buffer length < offset", Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes([1], offset: 2)).Message);
            Assert.Contains("size is negative", Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes([1], size: -1)).Message);
            Assert.Contains("buffer length < offset + size", Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes([1, 2], offset: 1, size: 2)).Message);
        }
    }

    [Fact]
    public void RecvBytesInto_BufferTooShort_ErrorCarriesTheWholeMessage()
    {
        var (a, b) = Pipe.Create();
        using (a) using (b)
        {
            a.SendBytes([1, 2, 3, 4, 5]);
            a.SendBytes([9]);
            var e = Assert.Throws<BufferTooShortError>(() => b.RecvBytesInto(new byte[4], timeout: Wait));
            Assert.Equal([1, 2, 3, 4, 5], e.MessageBytes);
            var buffer = new byte[4];
            Assert.Equal(1, b.RecvBytesInto(buffer, offset: 3, timeout: Wait));
            Assert.Equal(9, buffer[3]);
        }
    }

    [Fact]
    public void RecvBytes_OverMaxLength_BadMessageLengthAndClosed()
    {
        var (a, b) = Pipe.Create();
        using (a) using (b)
        {
            a.SendBytes(new byte[10]);
            Assert.Equal("bad message length", Assert.Throws<IOException>(() => b.RecvBytes(maxLength: 9)).Message);
            Assert.True(b.Closed);
            Assert.Equal("handle is closed", Assert.Throws<IOException>(() => b.Recv()).Message);
        }
    }

    [Fact]
    public void Poll_ZeroAndNegativeTimeouts_ReturnAtOnce()
    {
        var (a, b) = Pipe.Create();
        using (a) using (b)
        {
            Assert.False(b.Poll());
            Assert.False(b.Poll(TimeSpan.FromSeconds(-5)));
            Assert.False(b.Poll(TimeSpan.FromMilliseconds(20)));
            a.Send(null);
            Assert.True(b.Poll(TimeSpan.Zero));
            Assert.Null(b.Recv(Wait));
        }
    }

    [Fact]
    public void Recv_Timeout_ThrowsTimeoutException()
    {
        var (a, b) = Pipe.Create();
        using (a) using (b)
            Assert.Throws<TimeoutException>(() => b.Recv(TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void Recv_PeerClosed_IsEndOfFile()
    {
        var (a, b) = Pipe.Create();
        using (b)
        {
            a.Close();
            Assert.Throws<EndOfStreamException>(() => b.Recv(Wait));
        }
    }

    [Fact]
    public void Recv_MalformedLength_IsAChannelFormatErrorNotGarbage()
    {
        var (reader, writer) = Pipe.Create(duplex: false);
        using (reader) using (writer)
        {
            using var raw = new FileStream(new SafeFileHandle(writer.Fileno, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            raw.Write([0xFF, 0xFF, 0xFF, 0xF0]);
            Assert.Throws<ChannelFormatError>(() => reader.RecvBytes(timeout: Wait));
        }
    }

    [Fact]
    public void Connection_SentOutsideAChildStart_IsRefused()
    {
        var (a, b) = Pipe.Create();
        var (c, d) = Pipe.Create();
        using (a) using (b) using (c) using (d)
            Assert.Contains("through inheritance", Assert.Throws<SerializationError>(() => a.Send(c)).Message);
    }

    [Fact]
    public void Connection_PassedToChild_EchoesValuesAndEndsAtEof()
    {
        var (parent, child) = Pipe.Create();
        using (parent)
        {
            using var p = new Process(ConnectionTargets.Echo, [child]);
            p.Start();
            child.Close();
            parent.Send("hello");
            parent.Send(new List<object?> { 1, 2L, 3.5 });
            Assert.Equal("hello", ((List<object?>)parent.Recv(Wait)!)[0]);
            Assert.Equal(3.5, ((List<object?>)((List<object?>)parent.Recv(Wait)!)[0]!)[2]);
            parent.Close();
            p.JoinOrFail();
            Assert.Equal(0, p.ExitCode);
        }
    }

    [Fact]
    public void Connection_ChildExitsWithoutSending_ParentGetsEndOfFile()
    {
        var (parent, child) = Pipe.Create();
        using (parent)
        {
            using var p = new Process(ConnectionTargets.ExitWithoutSending, [child]);
            p.Start();
            child.Close();
            Assert.Throws<EndOfStreamException>(() => parent.Recv(Wait));
            p.JoinOrFail();
        }
    }

    [Fact]
    public void Connection_ChildKilledMidMessage_ReaderGetsEndOfFileDuringMessageNeverGarbage()
    {
        var (parent, child) = Pipe.Create();
        using (parent)
        {
            using var p = new Process(ConnectionTargets.SendHuge, [child]);
            p.Start();
            child.Close();
            Assert.Equal("sending", parent.Recv(Wait));
            // The header and the first buffers of the 64 MiB message are in flight; the writer blocks until read.
            Assert.True(parent.Poll(Wait));
            p.Kill();
            p.JoinOrFail();
            var e = Assert.Throws<ChannelFormatError>(() => parent.RecvBytes(timeout: Wait));
            Assert.Equal("got end of file during message", e.Message);
        }
    }

    [Fact]
    public void Pipe_RoundTripsArbitraryValuesThroughAChild()
    {
        var (parent, child) = Pipe.Create();
        using (parent)
        {
            using var p = new Process(ConnectionTargets.Echo, [child]);
            p.Start();
            child.Close();
            Prop.ForAll(ChannelValues.Arbitrary, v =>
            {
                parent.Send(v.Value);
                var echoed = (List<object?>)parent.Recv(Wait)!;
                return ChannelValues.Same(v.Value, echoed[0]);
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
            parent.Close();
            p.JoinOrFail();
        }
    }

    [Fact]
    public void Pipe_RoundTripsBytesOfRandomSizesUpTo16MiBThroughAChild()
    {
        var (parent, child) = Pipe.Create();
        using (parent)
        {
            using var p = new Process(ConnectionTargets.EchoBytes, [child]);
            p.Start();
            child.Close();
            var sizes = Gen.Frequency((3, Gen.Choose(0, 70_000)), (1, Gen.Choose(0, 16 * 1024 * 1024))).ToArbitrary();
            Prop.ForAll(sizes, size =>
            {
                var message = new byte[size];
                Random.Shared.NextBytes(message);
                // The child echoes while we send, so a message larger than the socket buffer cannot deadlock the pair.
                var receive = Task.Run(() => parent.RecvBytes(timeout: Wait));
                parent.SendBytes(message);
                return receive.Result.AsSpan().SequenceEqual(message);
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
            parent.Close();
            p.JoinOrFail();
        }
    }
}
