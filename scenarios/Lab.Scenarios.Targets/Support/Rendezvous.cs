using System.Net.Sockets;
using System.Text;

namespace Lab.Scenarios.Support;

/// <summary>
/// A handshake between a scenario and its children over a Unix domain socket: a child says "ready" when it
/// has reached the point under test, and can wait for a "stop" message. It replaces sleep-and-hope: the
/// scenario acts exactly when the child is there, and every wait has a timeout. The socket path is passed
/// to the child as a plain string argument.
/// </summary>
public sealed class Rendezvous : IDisposable
{
    private readonly string _directory;
    private readonly Socket _listener;

    private Rendezvous(string directory, Socket listener)
    {
        _directory = directory;
        _listener = listener;
    }

    public string Path => System.IO.Path.Combine(_directory, "s");

    public static Rendezvous Create()
    {
        var directory = Directory.CreateTempSubdirectory("lab-rv-").FullName;
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(System.IO.Path.Combine(directory, "s")));
        listener.Listen(16);
        return new Rendezvous(directory, listener);
    }

    /// <summary>Waits for the next child to connect and say its first line. Null on timeout.</summary>
    public Peer? Accept(TimeSpan timeout, out string? firstLine)
    {
        firstLine = null;
        var accept = _listener.AcceptAsync();
        if (!accept.Wait(timeout)) return null;
        var peer = new Peer(accept.Result);
        firstLine = peer.ReceiveLine(timeout);
        return peer;
    }

    /// <summary>Child side: connect to the scenario's rendezvous.</summary>
    public static Peer Connect(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(path));
        return new Peer(socket);
    }

    public void Dispose()
    {
        _listener.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>One connection; lines of UTF-8 text.</summary>
    public sealed class Peer(Socket socket) : IDisposable
    {
        private readonly NetworkStream _stream = new(socket, ownsSocket: true);

        public void SendLine(string line)
        {
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            _stream.Write(bytes);
            _stream.Flush();
        }

        /// <summary>Null on timeout or when the other side closed.</summary>
        public string? ReceiveLine(TimeSpan? timeout = null)
        {
            socket.ReceiveTimeout = timeout is { } t ? Math.Max(1, (int)t.TotalMilliseconds) : 0;
            var line = new List<byte>();
            var one = new byte[1];
            try
            {
                while (true)
                {
                    if (_stream.Read(one) == 0) return null;
                    if (one[0] == (byte)'\n') return Encoding.UTF8.GetString(line.ToArray());
                    line.Add(one[0]);
                }
            }
            catch (IOException) { return null; }
        }

        public void Dispose() => _stream.Dispose();
    }
}
