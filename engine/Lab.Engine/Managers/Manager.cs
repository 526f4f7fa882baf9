using Lab.Engine.Connections;
using Lab.Engine.Processes;
using Lab.Engine.Targets;

namespace Lab.Engine.Managers;

/// <summary>
/// A server process that owns objects and serves their methods to proxies (seeds 59.18; CPython's SyncManager).
/// <code>
/// using var manager = Manager.StartNew();
/// var list = manager.List();
/// using var p = new Process(Child.Append, [list]); p.Start(); p.Join();
/// list.ToList(); // what the child appended
/// </code>
/// The server is an engine child started with the context's start method, listening on a Unix socket in a private
/// directory (0700, socket 0600), with a random key per manager checked by an HMAC challenge on every connection.
/// Dispose shuts it down and leaves no process, socket or directory behind.
/// </summary>
public sealed class Manager : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);
    private static int _counter;

    private readonly ManagerRegistration? _registration;
    private readonly ProcessContext? _context;
    private readonly object _gate = new();
    private Process? _process;
    private ManagerEndpoint? _endpoint;
    private ManagerConnection? _control;
    private string? _directory;
    private bool _shutDown;

    /// <summary><paramref name="register"/>, a static method, runs in the server's process and registers the
    /// application's types (CPython's BaseManager.register before start).</summary>
    public Manager(ManagerRegistration? register = null, ProcessContext? context = null)
    {
        if (register is not null) TargetMethod.From(register);
        _registration = register;
        _context = context;
    }

    /// <summary>A started manager, as CPython's multiprocessing.Manager().</summary>
    public static Manager StartNew(ManagerRegistration? register = null, ProcessContext? context = null)
    {
        var manager = new Manager(register, context);
        try { manager.Start(); }
        catch { manager.Dispose(); throw; }
        return manager;
    }

    /// <summary>The server's socket path (null before Start).</summary>
    public string? Address => _endpoint?.Address;

    /// <summary>The server process's id (null before Start).</summary>
    public int? Pid => _process?.Pid;

    public void Start()
    {
        lock (_gate)
        {
            if (_shutDown) throw new ManagerError("the manager has been shut down");
            if (_process is not null) throw new ManagerError("the manager has already been started");
            // mkdtemp: a fresh directory only its owner can enter (CPython: tempfile.mkdtemp(prefix='pymp-')).
            _directory = Directory.CreateTempSubdirectory("lab-mgr-").FullName;
            _endpoint = new ManagerEndpoint(Path.Join(_directory, "listener"), Challenge.NewKey());
            var target = _registration is null ? null : TargetMethod.From(_registration);
            var (ready, readyWriter) = Pipe.Create(duplex: false);
            using (ready)
            {
                using (readyWriter)
                {
                    _process = new Process(new Action<Connection, string, byte[], object?[]?>(ManagerServer.Serve),
                        [readyWriter, _endpoint.Address, _endpoint.Key, target?.ToTuple()],
                        name: $"SyncManager-{Interlocked.Increment(ref _counter)}", daemon: true, context: ServerContext(target));
                    _process.Start();
                }
                WaitUntilReady(ready);
            }
            _control = ManagerConnection.Open(_endpoint);
        }
    }

    /// <summary>The server's context: on the AOT worker under WorkerChoice.Aot (or in an AOT process), where the
    /// registration callable must be compiled in too (checked here, in the parent); otherwise on the JIT worker.</summary>
    private ProcessContext ServerContext(TargetMethod? registration)
    {
        var context = _context ?? Multiprocessing.GetContext();
        var kind = AotWorker.ChooseForService(context.Worker, TargetMethod.From(new Action<Connection, string, byte[], object?[]?>(ManagerServer.Serve)));
        if (kind == WorkerKind.Aot && registration is not null) AotWorker.Choose(WorkerChoice.Aot, registration);
        return context.WithWorker(kind == WorkerKind.Aot ? WorkerChoice.Aot : WorkerChoice.Jit);
    }

    public ListProxy List(IEnumerable<object?>? items = null) => (ListProxy)Create(BuiltinObjects.List, items is null ? [] : [items.ToList()]);

    public DictProxy Dictionary() => (DictProxy)Create(BuiltinObjects.Dict);

    public NamespaceProxy Namespace() => (NamespaceProxy)Create(BuiltinObjects.Namespace);

    public ValueProxy Value(object? initial) => (ValueProxy)Create(BuiltinObjects.Value, initial);

    public LockProxy Lock() => (LockProxy)Create(BuiltinObjects.Lock);

    public EventProxy Event() => (EventProxy)Create(BuiltinObjects.Event);

    public QueueProxy Queue() => (QueueProxy)Create(BuiltinObjects.Queue);

    /// <summary>Creates an object of a type the registration function registered; its constructor takes no arguments.</summary>
    public Proxy Create(string typeid) => Create(typeid, []);

    private Proxy Create(string typeid, params object?[] args)
    {
        lock (_gate)
        {
            if (_shutDown) throw new ManagerError("the manager has been shut down");
            if (_control is null) throw new ManagerError("the manager has not been started");
            var id = (long)_control.Call(ManagerProtocol.Create, 0, typeid, args)!;
            return Proxy.Create(_endpoint!, id, typeid);
        }
    }

    /// <summary>Stops the server and removes its socket and directory. Proxies then raise <see cref="ManagerError"/>.
    /// Idempotent; works on a manager whose process died.</summary>
    public void Shutdown()
    {
        lock (_gate)
        {
            if (_shutDown) return;
            _shutDown = true;
            _endpoint?.MarkShutDown();
            try { _control?.Call(ManagerProtocol.Shutdown, 0, "shutdown", []); }
            catch (ManagerError) { }
            _control?.Dispose();
            if (_process is not null)
            {
                if (_process.Pid is not null && !_process.Join(ShutdownTimeout)) _process.Kill();
                _process.Dispose();
            }
            if (_directory is not null && Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        }
    }

    public void Dispose() => Shutdown();

    private void WaitUntilReady(Connection ready)
    {
        object? reply;
        try
        {
            reply = ready.Poll(StartTimeout) ? ready.Recv() : throw new ManagerError($"the manager's process did not start within {StartTimeout.TotalSeconds} s");
        }
        catch (EndOfStreamException)
        {
            _process!.Join(ShutdownTimeout);
            throw new ManagerError($"the manager's process exited before it was ready (exit code {_process.ExitCode}, {_process.Error})");
        }
        if (reply is object?[] { Length: 2 } failed && failed is [ManagerProtocol.Error, string message]) throw new ManagerError($"the manager's process failed to start: {message}");
    }
}
