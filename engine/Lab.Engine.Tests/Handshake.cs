using System.Net.Sockets;
using System.Text;

namespace Lab.Engine.Tests;

/// <summary>
/// A readiness handshake between a test and a child process, so that no test has to sleep and hope. The test
/// listens on a Unix domain socket in a fresh temporary directory and passes <see cref="Path"/> to the child's
/// target; the child calls <see cref="Send"/> when it has reached the point the test waits for (and may send a
/// line of data, e.g. a pid). The test side gives up at a deadline, and early when the child has already exited,
/// so a child that dies before the handshake fails the test with its exit code instead of a long wait.
/// </summary>
public sealed class Handshake : IDisposable
{
    private readonly string _directory;
    private readonly Socket _listener;

    public Handshake()
    {
        // sun_path holds 108 bytes: a short directory under /tmp keeps well inside that.
        _directory = Directory.CreateTempSubdirectory("lab-hs-").FullName;
        Path = System.IO.Path.Combine(_directory, "s");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(16);
    }

    public string Path { get; }

    /// <summary>Waits for one child to connect and returns the line it sent (without the newline).</summary>
    /// <param name="child">If given, waiting stops as soon as this child has exited without connecting.</param>
    public string Receive(Process? child, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        // A child's connect() returns once the connection is queued on the listener, so a child that connected and
        // then exited always leaves the listener readable: checking readability again after seeing the exit is exact.
        while (!_listener.Poll(TimeSpan.FromMilliseconds(50), SelectMode.SelectRead))
        {
            if (child is not null && child.Join(TimeSpan.Zero) && !_listener.Poll(TimeSpan.Zero, SelectMode.SelectRead))
                throw new TimeoutException(
                    $"the child {child} exited with code {child.ExitCode} before the handshake" +
                    (child.Error is { } e ? $" ({e})" : "") + (child.Stderr is { Length: > 0 } err ? $"; stderr: {err}" : ""));
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no child connected to the handshake socket {Path} within {timeout}");
        }
        using var connection = _listener.Accept();
        connection.ReceiveTimeout = (int)Math.Max(1, (deadline - DateTime.UtcNow).TotalMilliseconds);
        var received = new List<byte>();
        var buffer = new byte[256];
        while (true)
        {
            int n;
            try { n = connection.Receive(buffer); }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                throw new TimeoutException($"the child connected to {Path} but did not finish its line within {timeout}");
            }
            if (n == 0) break;
            received.AddRange(buffer.AsSpan(0, n));
            if (received.Contains((byte)'\n')) break;
        }
        var line = Encoding.UTF8.GetString(received.ToArray());
        var end = line.IndexOf('\n');
        return end >= 0 ? line[..end] : line;
    }

    /// <summary>The child side: connects to the test's socket and sends one line. Called from targets.</summary>
    public static void Send(string path, string line = "ready")
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(path));
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        var sent = 0;
        while (sent < bytes.Length) sent += socket.Send(bytes, sent, bytes.Length - sent, SocketFlags.None);
        socket.Shutdown(SocketShutdown.Both);
    }

    public void Dispose()
    {
        _listener.Dispose();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
