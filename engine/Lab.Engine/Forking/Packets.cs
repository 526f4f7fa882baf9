using Lab.Engine.Interop;
using Lab.Engine.Serialization;

namespace Lab.Engine.Forking;

/// <summary>
/// One end of a SOCK_SEQPACKET socketpair carrying the forkserver's messages: one channel-encoded dictionary per
/// packet, with descriptors as SCM_RIGHTS. Packets keep their boundaries (man 7 unix), so no framing is needed,
/// and a peer that dies closes its end, so a reader always gets end-of-stream instead of hanging.
/// </summary>
internal sealed class Packets(int fd) : IDisposable
{
    /// <summary>Messages are tiny (an op and a few numbers); anything larger is a protocol error.</summary>
    private const int MaxPacketBytes = 16 * 1024;

    private int _fd = fd;

    public int Descriptor => _fd;

    /// <summary>Returns 0, or the errno of a failed send (EPIPE/ECONNRESET when the peer is gone).</summary>
    public int Send(Dictionary<string, object?> message, ReadOnlySpan<int> descriptors = default) =>
        Libc.SendMessage(_fd, ChannelEncoder.Encode(message), descriptors);

    /// <summary>The next message, or null at end of stream. Received descriptors (close-on-exec) go to
    /// <paramref name="descriptors"/>; the caller owns them.</summary>
    public Dictionary<string, object?>? Receive(List<int> descriptors)
    {
        var buffer = new byte[MaxPacketBytes];
        var n = Libc.ReceiveMessage(_fd, buffer, descriptors);
        if (n == 0) return null;
        if (n < 0)
        {
            if (-n is Libc.ECONNRESET) return null;
            throw Libc.Error("recvmsg on the forkserver socket", -n);
        }
        return ChannelDecoder.Decode(buffer.AsSpan(0, n)) as Dictionary<string, object?>
               ?? throw new ChannelFormatError("a forkserver message is not a dictionary");
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd < 0) return;
        Libc.shutdown(fd, Libc.SHUT_RDWR);
        Libc.close(fd);
    }

    public static Dictionary<string, object?> Message(string op, params (string Key, object? Value)[] fields)
    {
        var d = new Dictionary<string, object?> { ["op"] = op };
        foreach (var (k, v) in fields) d[k] = v;
        return d;
    }
}
