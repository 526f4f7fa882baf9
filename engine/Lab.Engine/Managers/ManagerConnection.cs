using System.Net.Sockets;
using Lab.Engine.Serialization;

namespace Lab.Engine.Managers;

/// <summary>
/// One authenticated connection to a manager's server, used by one proxy (CPython keeps one per proxy and thread,
/// BaseProxy._connect). Calls are serialised on it. Every failure of the transport, including the server's death
/// (an end of stream or a reset), is a <see cref="ManagerError"/>: a call never hangs on a dead manager, because
/// the kernel closes the dead server's end.
/// </summary>
internal sealed class ManagerConnection : IDisposable
{
    /// <summary>The handshake is bounded: a peer that stops answering mid-challenge is not a manager.</summary>
    internal static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly Stream _stream;

    private ManagerConnection(Socket socket)
    {
        _socket = socket;
        _stream = SocketStreams.Buffered(socket);
    }

    public static ManagerConnection Open(ManagerEndpoint endpoint)
    {
        if (endpoint.IsShutDown) throw endpoint.ShutDownError();
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(endpoint.Address));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new ManagerError($"cannot reach the manager at {endpoint.Address} (shut down or dead?): {e.Message}", e);
        }
        var connection = new ManagerConnection(socket);
        try
        {
            socket.ReceiveTimeout = (int)HandshakeTimeout.TotalMilliseconds;
            Challenge.Answer(connection._stream, endpoint.Key);
            Challenge.Deliver(connection._stream, endpoint.Key);
            socket.ReceiveTimeout = 0;
            return connection;
        }
        catch (Exception e)
        {
            connection.Dispose();
            if (e is ManagerError) throw;
            throw new ManagerError($"cannot reach the manager at {endpoint.Address} (shut down or dead?): {e.Message}", e);
        }
    }

    public object? Call(string op, long id, string name, object?[] args)
    {
        var request = ManagerProtocol.Request(op, id, name, args);
        byte[]? reply;
        try
        {
            Frames.Write(_stream, request);
            reply = Frames.Read(_stream);
        }
        catch (Exception e) when (e is IOException or SocketException or ChannelFormatError or ObjectDisposedException)
        {
            throw new ManagerError($"the manager's connection broke during '{name}' (its process died?): {e.Message}", e);
        }
        return ManagerProtocol.Unwrap(reply ?? throw new ManagerError($"the manager closed the connection during '{name}' (its process died or was shut down)"));
    }

    public void Dispose() => SocketStreams.Close(_stream, _socket);
}
