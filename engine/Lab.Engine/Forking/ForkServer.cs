namespace Lab.Engine.Forking;

/// <summary>
/// The forkserver of this process (CPython's multiprocessing.forkserver): started on first use, restarted on the
/// next start after it died, stopped when this process exits (its end of the socket closes, and PR_SET_PDEATHSIG
/// kills it if this process is killed outright). See Forking/README.md. One server per worker kind (issue #11): a child
/// that gets the Native AOT worker is handed over from the AOT server's stock of AOT workers (the server is the AOT
/// binary run with --forkserver), one that gets the JIT worker from the JIT server's; each starts on first use. The
/// settings and the members without a kind apply to both.
/// </summary>
public static class ForkServer
{
    private static readonly object Gate = new();
    private static readonly ServerConnection?[] Connections = new ServerConnection?[2];
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

    /// <summary>The pid of the running JIT server, or null if none is running.</summary>
    public static int? ServerPid => ServerPidOf(WorkerKind.Jit);

    /// <summary>The pid of the running server of <paramref name="worker"/>, or null if none is running.</summary>
    public static int? ServerPidOf(WorkerKind worker)
    {
        lock (Gate) return Connections[(int)worker] is { IsLost: false } c ? c.ServerPid : null;
    }

    /// <summary>Starts the server of <paramref name="worker"/> now if it is not running, and returns once its idle workers
    /// are warm (CPython's forkserver.ensure_running). Throws ProcessStartError if it cannot start (e.g. a bad preload).</summary>
    public static void EnsureRunning(WorkerKind worker = WorkerKind.Jit) => Connection(worker);

    /// <summary>Starts the server if needed and waits until every idle slot holds a ready worker again (starts use them
    /// up; the server replaces them in the background): the state from which a start is a "first start with a warm
    /// forkserver" (the start-latency-warm benchmark). False if <paramref name="timeout"/> passed first.</summary>
    public static bool WaitUntilStocked(TimeSpan timeout, WorkerKind worker = WorkerKind.Jit)
    {
        try
        {
            return Connection(worker).WaitUntilStocked(timeout);
        }
        catch (ServerLostError)
        {
            return Connection(worker).WaitUntilStocked(timeout);
        }
    }

    /// <summary>Stops the servers (their idle workers die with them; running non-daemon children go on). Mainly for tests
    /// and benchmarks: a server otherwise lives as long as this process.</summary>
    public static void Stop()
    {
        lock (Gate)
        {
            for (var i = 0; i < Connections.Length; i++)
            {
                Connections[i]?.Shutdown(TimeSpan.FromSeconds(10));
                Connections[i] = null;
            }
        }
    }

    internal static IReadOnlyList<string> Preload
    {
        get { lock (Gate) return _preload; }
        set { lock (Gate) _preload = value; }
    }

    internal static ServerConnection Connection(WorkerKind worker = WorkerKind.Jit)
    {
        lock (Gate)
        {
            ref var connection = ref Connections[(int)worker];
            if (connection is { IsLost: false } live) return live;
            connection?.Shutdown(TimeSpan.FromSeconds(10));
            connection = null;
            connection = ServerConnection.Start(Processes.WorkerLocator.CommandFor(worker),
                worker == WorkerKind.Aot ? [] : _preload, _idleWorkers, StartTimeout); // an AOT server loads nothing: everything is compiled in
            return connection;
        }
    }
}
