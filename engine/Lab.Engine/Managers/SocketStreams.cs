using System.Net.Sockets;

namespace Lab.Engine.Managers;

/// <summary>
/// A socket's stream behind a buffer, for the manager's small request/reply frames: Frames.Write's header and payload
/// leave in one send at its Flush, and Frames.Read's header and payload come in with one recv, instead of two system
/// calls each (CPython's Connection does the same for messages under 16 KiB: one sendall of header + payload).
/// </summary>
internal static class SocketStreams
{
    private const int BufferBytes = 16 * 1024;

    public static Stream Buffered(Socket socket) => new BufferedStream(new NetworkStream(socket, ownsSocket: true), BufferBytes);

    /// <summary>Closes without throwing: disposing a BufferedStream flushes what a failed write left in its buffer,
    /// which fails again on a dead peer; the socket is closed whatever happened.</summary>
    public static void Close(Stream stream, Socket socket)
    {
        try { stream.Dispose(); }
        catch (Exception e) when (e is IOException or SocketException) { }
        finally { socket.Dispose(); }
    }
}
