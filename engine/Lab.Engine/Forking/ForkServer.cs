namespace Lab.Engine.Forking;

/// <summary>
/// The forkserver of this process (CPython's multiprocessing.forkserver): started on first use, restarted on the
/// next start after it died, stopped when this process exits (its end of the socket closes, and PR_SET_PDEATHSIG
/// kills it if this process is killed outright). See Forking/README.md.
/// </summary>
public static class ForkServer
{
    private static readonly object Gate = new();
    private static ServerConnection? _connection;
    private static IReadOnlyList<string> _preload = [];
    private static int _idleWorkers = 2;

    /// <summary>How long a starting server may take to report a warm stock of workers.</summary>
    public static TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many pre-started workers the server keeps waiting (1..16, default 2). Like the preload, it
    /// takes effect for a server started afterwards.</summary>
    public static int IdleWorkers
    {
        get { lock (Gate) return _idleWorkers; }
        set
        {
            if (value is < 1 or > 16) throw new ArgumentOutOfRangeException(nameof(value), value, "the forkserver keeps 1 to 16 idle workers");
            lock (Gate) _idleWorkers = value;
        }
    }

    /// <summary>The pid of the running server, or null if none is running.</summary>
    public static int? ServerPid
    {
        get { lock (Gate) return _connection is { IsLost: false } c ? c.ServerPid : null; }
    }

    /// <summary>Starts the server now if it is not running, and returns once its idle workers are warm
    /// (CPython's forkserver.ensure_running). Throws ProcessStartError if it cannot start (e.g. a bad preload).</summary>
    public static void EnsureRunning() => Connection();

    /// <summary>Starts the server if needed and waits until every idle slot holds a ready worker again (starts use them
    /// up; the server replaces them in the background): the state from which a start is a "first start with a warm
    /// forkserver" (the start-latency-warm benchmark). False if <paramref name="timeout"/> passed first.</summary>
    public static bool WaitUntilStocked(TimeSpan timeout)
    {
        try
        {
            return Connection().WaitUntilStocked(timeout);
        }
        catch (ServerLostError)
        {
            return Connection().WaitUntilStocked(timeout);
        }
    }

    /// <summary>Stops the server (its idle workers die with it; running non-daemon children go on). Mainly for tests
    /// and benchmarks: the server otherwise lives as long as this process.</summary>
    public static void Stop()
    {
        lock (Gate)
        {
            _connection?.Shutdown(TimeSpan.FromSeconds(10));
            _connection = null;
        }
    }

    internal static IReadOnlyList<string> Preload
    {
        get { lock (Gate) return _preload; }
        set { lock (Gate) _preload = value; }
    }

    internal static ServerConnection Connection()
    {
        lock (Gate)
        {
            if (_connection is { IsLost: false } live) return live;
            _connection?.Shutdown(TimeSpan.FromSeconds(10));
            _connection = null;
            _connection = ServerConnection.Start(_preload, _idleWorkers, StartTimeout);
            return _connection;
        }
    }
}
