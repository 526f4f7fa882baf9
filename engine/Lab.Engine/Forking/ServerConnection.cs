using System.Collections.Concurrent;
using Lab.Engine.Interop;
using Lab.Engine.Processes;

namespace Lab.Engine.Forking;

/// <summary>
/// The parent's side of one forkserver process: spawns it with its end of a socketpair at fd 3, waits until its
/// stock of pre-started workers is warm, then sends start requests and reads replies and exit statuses on one
/// reader thread. When the server dies the socket reaches end-of-stream: pending requests fail with
/// <see cref="ServerLostError"/>, every child still running is told (its exit status then comes another way,
/// see <see cref="ServerChildExit"/>), and the next start restarts the server (ForkServer.cs).
/// </summary>
internal sealed class ServerConnection
{
    private readonly Packets _socket;
    private readonly object _sendGate = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<(int Pid, Task<int?> Exit)>> _requests = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<int?>> _exits = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _stocked = new();
    private readonly TaskCompletionSource<string?> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _reaped = new(false);
    private long _nextId;
    private volatile bool _lost;

    private ServerConnection(int socket, int pid)
    {
        _socket = new Packets(socket);
        ServerPid = pid;
        new Thread(ReapServer, maxStackSize: 256 * 1024) { IsBackground = true, Name = "lab-forkserver-reaper" }.Start();
        new Thread(ReadReplies, maxStackSize: 256 * 1024) { IsBackground = true, Name = "lab-forkserver-reader" }.Start();
    }

    public int ServerPid { get; }

    public bool IsLost => _lost;

    /// <summary>The server's exit code once it has exited and been reaped (ExitStatus rules), else null.</summary>
    public int? ServerExitCode { get; private set; }

    public static ServerConnection Start(string[] worker, IReadOnlyList<string> preload, int idleWorkers, TimeSpan timeout)
    {
        var (mine, theirs) = Libc.SeqPacketPair();
        mine = UnixPipe.AboveLowRange(mine);
        theirs = UnixPipe.AboveLowRange(theirs);
        string[] argv = [.. worker, "--forkserver", Libc.getpid().ToString(), idleWorkers.ToString(), .. preload];
        int pid;
        try
        {
            // Spawned from ChildSpawner's long-lived thread: the server's PR_SET_PDEATHSIG is tied to that thread.
            pid = ChildSpawner.Spawn(new SpawnRequest(argv, WorkerLocator.Environment, [(DevNull.Descriptor, 0), (theirs, ServerMain.ParentFd)]));
        }
        catch
        {
            Libc.close(mine);
            throw;
        }
        finally
        {
            Libc.close(theirs);
        }
        var connection = new ServerConnection(mine, pid);
        string? problem;
        if (!connection._ready.Task.Wait(timeout))
            problem = $"it did not report a warm stock of workers within {timeout}";
        else
            problem = connection._ready.Task.Result;
        if (problem is null) return connection;
        connection.Shutdown(TimeSpan.FromSeconds(10));
        throw new ProcessStartError($"the forkserver (pid {pid}) did not start: {problem}");
    }

    /// <summary>Asks the server for a child that receives <paramref name="descriptors"/> (ForkServerLauncher's
    /// layout). Returns its pid and a task that completes with its wait status, or null if the server died first.</summary>
    public (int Pid, Task<int?> Exit) StartChild(ReadOnlySpan<int> descriptors, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<(int, Task<int?>)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[id] = reply;
        if (_lost) throw Lost(id);
        int errno;
        lock (_sendGate) errno = _socket.Send(Packets.Message("start", ("id", id)), descriptors);
        if (errno != 0)
        {
            _requests.TryRemove(id, out _);
            if (errno is Libc.EPIPE or Libc.ECONNRESET) throw Lost(id);
            throw Libc.Error("sendmsg to the forkserver", errno);
        }
        if (!reply.Task.Wait(timeout))
        {
            // A server that does not answer is broken: kill it, so the next start gets a fresh one.
            _requests.TryRemove(id, out _);
            Libc.kill(ServerPid, Libc.SIGKILL);
            throw new ProcessStartError($"the forkserver (pid {ServerPid}) did not answer a start request within {timeout}; it was killed and will be restarted");
        }
        return reply.Task.GetAwaiter().GetResult();
    }

    /// <summary>Waits until every idle slot of the server holds a ready worker. False if the timeout passed first.</summary>
    /// <exception cref="ServerLostError">The server died.</exception>
    public bool WaitUntilStocked(TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stocked[id] = reply;
        if (_lost) throw Lost(id);
        int errno;
        lock (_sendGate) errno = _socket.Send(Packets.Message("stocked", ("id", id)), []);
        if (errno != 0) throw Lost(id);
        var done = reply.Task.Wait(timeout);
        _stocked.TryRemove(id, out _);
        return done;
    }

    /// <summary>Closes our end (the server exits at end-of-stream), waits for it to exit, kills it if it does not.</summary>
    public void Shutdown(TimeSpan timeout)
    {
        _socket.Dispose();
        if (_reaped.Wait(timeout)) return;
        Libc.kill(ServerPid, Libc.SIGKILL);
        _reaped.Wait(timeout);
    }

    /// <summary>Marks the connection lost at once (the reader thread may not have seen end-of-stream yet), so the
    /// retry in ForkServerLauncher gets a new server.</summary>
    private ServerLostError Lost(long id)
    {
        _lost = true;
        _requests.TryRemove(id, out _);
        return new ServerLostError($"the forkserver (pid {ServerPid}) has exited");
    }

    private void ReadReplies()
    {
        var descriptors = new List<int>();
        try
        {
            while (true)
            {
                var message = _socket.Descriptor < 0 ? null : _socket.Receive(descriptors);
                foreach (var fd in descriptors) Libc.close(fd);
                descriptors.Clear();
                if (message is null) break;
                Dispatch(message);
            }
        }
        catch (Exception e) when (e is IOException or Serialization.ChannelFormatError or InvalidCastException or KeyNotFoundException)
        {
            _ready.TrySetResult($"its messages were unreadable: {e.Message}");
        }
        finally
        {
            MarkLost();
        }
    }

    private void Dispatch(Dictionary<string, object?> message)
    {
        switch (message["op"])
        {
            case "ready":
                _ready.TrySetResult(null);
                break;
            case "error":
                _ready.TrySetResult((string)message["error"]!);
                break;
            case "started":
            {
                var pid = (int)message["pid"]!;
                var exit = _exits.GetOrAdd(pid, _ => new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously));
                if (_requests.TryRemove((long)message["id"]!, out var reply)) reply.TrySetResult((pid, exit.Task));
                break;
            }
            case "stocked":
                if (_stocked.TryRemove((long)message["id"]!, out var stocked)) stocked.TrySetResult();
                break;
            case "failed":
                if (_requests.TryRemove((long)message["id"]!, out var failed))
                    failed.TrySetException(new ProcessStartError($"the forkserver could not start a child: {message["error"]}"));
                break;
            case "exit":
            {
                var pid = (int)message["pid"]!;
                if (_exits.TryRemove(pid, out var exit)) exit.TrySetResult((int)message["status"]!);
                break;
            }
        }
    }

    private void MarkLost()
    {
        _lost = true;
        _ready.TrySetResult("it exited before its workers were ready" + (ServerExitCode is { } c ? $" (exit code {c})" : ""));
        foreach (var id in _requests.Keys)
            if (_requests.TryRemove(id, out var reply))
                // Not retried: the server may have handed the job over before it died, and a retry would run it twice.
                reply.TrySetException(new ProcessStartError($"the forkserver (pid {ServerPid}) exited while starting the child; the next start restarts it"));
        foreach (var pid in _exits.Keys)
            if (_exits.TryRemove(pid, out var exit))
                exit.TrySetResult(null);
        foreach (var id in _stocked.Keys)
            if (_stocked.TryRemove(id, out var stocked))
                stocked.TrySetException(new ServerLostError($"the forkserver (pid {ServerPid}) has exited"));
        _socket.Dispose();
    }

    /// <summary>The server is our child: reap it, so it never lingers as a zombie. It is not in ChildRegistry
    /// (whose exit handler joins children): it exits when our end of the socket closes.</summary>
    private void ReapServer()
    {
        int rc, status;
        do rc = Libc.wait4(ServerPid, out status, 0, out _);
        while (rc < 0 && Libc.LastErrno == Libc.EINTR);
        if (rc == ServerPid) ServerExitCode = ExitStatus.ToExitCode(status);
        _reaped.Set();
    }
}

/// <summary>The server died (or was stopped) before it answered; the caller restarts it and retries once.</summary>
internal sealed class ServerLostError(string message) : Exception(message);
