using Lab.Engine.Connections;
using Lab.Engine.Pools;
using Lab.Engine.Processes;
using Lab.Engine.Targets;

namespace Lab.Engine;

/// <summary>
/// A pool of worker processes with the API and semantics of CPython's multiprocessing.Pool (pool.py): Map, StarMap,
/// IMap, IMapUnordered, Apply and the async forms; chunksize with CPython's default; initializer/initargs;
/// maxTasksPerChild; Close/Terminate/Join. Unlike CPython's, it never hangs when a worker dies while holding tasks:
/// those results fail with <see cref="BrokenPoolError"/> (see README.md beside this file). Functions are targets:
/// static methods of named classes, as CPython needs module-level functions.
/// </summary>
public sealed class Pool : IDisposable
{
    private static int _poolCounter;

    private readonly PoolSupervisor _supervisor;
    private readonly Dictionary<TargetMethod, int> _functionKeys = new();
    private long _nextChunkId;

    /// <summary>A Native AOT pool worker cannot run a function outside its table (it would fail the task's chunk and
    /// the pool's map): refused here, in the parent, as a lambda is.</summary>
    internal void CheckRunnable(TargetMethod target)
    {
        if (Worker == WorkerKind.Aot && !AotWorker.Holds(target))
            throw new InvalidTargetError($"{target.DisplayName} is not compiled into the pool's Native AOT workers ({target.Key} is not among " +
                                         "their targets): mark it [ProcessTarget] in an assembly the AOT worker host references, or create the pool " +
                                         "with WorkerChoice.Jit");
    }

    public Pool(int? processes = null, Delegate? initializer = null, object?[]? initArgs = null,
        int? maxTasksPerChild = null, ProcessContext? context = null)
        : this(processes, initializer, initArgs, maxTasksPerChild, context, SupervisorPolicy.Pool, "PoolWorker")
    {
    }

    /// <summary>The Pool machinery with another supervisor policy (ProcessPoolExecutor's).</summary>
    internal Pool(int? processes, Delegate? initializer, object?[]? initArgs, int? maxTasksPerChild, ProcessContext? context,
        SupervisorPolicy policy, string workerName)
    {
        // CPython's messages (pool.py, Pool.__init__).
        var count = processes ?? Environment.ProcessorCount;
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(processes), count, "Number of processes must be at least 1");
        if (maxTasksPerChild is <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxTasksPerChild), maxTasksPerChild, "maxtasksperchild must be a positive int or None");
        context ??= Multiprocessing.GetContext();
        // The workers run PoolWorker.Run: Native AOT under WorkerChoice.Aot (or in an AOT process); then every function and
        // the initializer must be compiled in, which CheckRunnable checks before anything is sent.
        Worker = AotWorker.ChooseForService(context.Worker, TargetMethod.From(WorkerLoop));
        var initializerTarget = initializer is null ? null : TargetMethod.From(initializer);
        var workerContext = context.WithWorker(Worker == WorkerKind.Aot ? WorkerChoice.Aot : WorkerChoice.Jit);
        object?[]? initTuple = null;
        object?[]? boundInitArgs = null;
        var initializerName = "(none)";
        if (initializer is not null)
        {
            var target = initializerTarget!;
            CheckRunnable(target);
            boundInitArgs = TargetBinder.Bind(initializer.Method, initArgs ?? []);
            initTuple = PoolProtocol.ToTuple(target);
            initializerName = target.DisplayName;
        }
        else if (initArgs is { Length: > 0 })
            throw new ArgumentException("initArgs were given without an initializer", nameof(initArgs));
        Processes = count;
        var poolId = Interlocked.Increment(ref _poolCounter);
        var workerCounter = 0;
        _supervisor = new PoolSupervisor(count, maxTasksPerChild, initializerName, () =>
        {
            var (mine, theirs) = Pipe.Create(duplex: true);
            try
            {
                // Daemon, as CPython's pool workers: they die with the pool's process.
                var process = workerContext.Process(WorkerLoop,
                    [theirs, initTuple, boundInitArgs, maxTasksPerChild ?? 0], name: $"{workerName}-{poolId}.{++workerCounter}", daemon: true);
                process.Start();
                mine.MakeNonBlocking();
                return (process, mine);
            }
            catch
            {
                mine.Dispose();
                throw;
            }
            finally
            {
                theirs.Dispose();
            }
        }, policy);
    }

    private static readonly Action<Connection, object?[]?, object?[]?, int> WorkerLoop = PoolWorker.Run;

    public int Processes { get; }

    /// <summary>The executable the pool's workers run in (engine/README.md, "Which worker runs a child").</summary>
    public WorkerKind Worker { get; }

    internal PoolSupervisor Supervisor => _supervisor;

    /// <summary>The pids of the current workers (they change as maxTasksPerChild retires workers).</summary>
    public IReadOnlyList<int> WorkerPids => _supervisor.WorkerPids;

    public List<TResult> Map<TArg, TResult>(Func<TArg, TResult> func, IEnumerable<TArg> iterable, int? chunksize = null) =>
        MapAsync(func, iterable, chunksize).Get();

    /// <summary>Map of an async function: each task is awaited in its worker (issue #10 §6).</summary>
    public List<TResult> Map<TArg, TResult>(Func<TArg, Task<TResult>> func, IEnumerable<TArg> iterable, int? chunksize = null) =>
        MapAsync(func, iterable, chunksize).Get();

    public List<TResult> StarMap<TResult>(Delegate func, IEnumerable<object?[]> iterable, int? chunksize = null) =>
        StarMapAsync<TResult>(func, iterable, chunksize).Get();

    public AsyncResult<List<TResult>> MapAsync<TArg, TResult>(Func<TArg, TResult> func, IEnumerable<TArg> iterable,
        int? chunksize = null, Action<List<TResult>>? callback = null, Action<Exception>? errorCallback = null) =>
        SubmitMap(func, iterable, chunksize, callback, errorCallback);

    public AsyncResult<List<TResult>> MapAsync<TArg, TResult>(Func<TArg, Task<TResult>> func, IEnumerable<TArg> iterable,
        int? chunksize = null, Action<List<TResult>>? callback = null, Action<Exception>? errorCallback = null) =>
        SubmitMap(func, iterable, chunksize, callback, errorCallback);

    public AsyncResult<List<TResult>> StarMapAsync<TResult>(Delegate func, IEnumerable<object?[]> iterable,
        int? chunksize = null, Action<List<TResult>>? callback = null, Action<Exception>? errorCallback = null)
    {
        ArgumentNullException.ThrowIfNull(func);
        ArgumentNullException.ThrowIfNull(iterable);
        // Arguments are checked against the function here, in the caller, as Process does at Start.
        var items = iterable.Select(args => (object?)TargetBinder.Bind(func.Method, args ?? [])).ToList();
        return SubmitMap<TResult>(func, items.Count, (start, count) => items.GetRange(start, count), star: true, chunksize, callback, errorCallback);
    }

    /// <summary>Results in input order as they complete; a failed item raises at its position and the iteration goes
    /// on after it (<see cref="IMapIterator{T}"/>).</summary>
    public IMapIterator<TResult> IMap<TArg, TResult>(Func<TArg, TResult> func, IEnumerable<TArg> iterable, int chunksize = 1) =>
        SubmitIMap<TArg, TResult>(func, iterable, chunksize, ordered: true);

    /// <summary>IMap of an async function: each task is awaited in its worker.</summary>
    public IMapIterator<TResult> IMap<TArg, TResult>(Func<TArg, Task<TResult>> func, IEnumerable<TArg> iterable, int chunksize = 1) =>
        SubmitIMap<TArg, TResult>(func, iterable, chunksize, ordered: true);

    /// <summary>Results in completion order; a failed item raises when it arrives and the iteration goes on after it.</summary>
    public IMapIterator<TResult> IMapUnordered<TArg, TResult>(Func<TArg, TResult> func, IEnumerable<TArg> iterable, int chunksize = 1) =>
        SubmitIMap<TArg, TResult>(func, iterable, chunksize, ordered: false);

    /// <summary>IMapUnordered of an async function: each task is awaited in its worker.</summary>
    public IMapIterator<TResult> IMapUnordered<TArg, TResult>(Func<TArg, Task<TResult>> func, IEnumerable<TArg> iterable, int chunksize = 1) =>
        SubmitIMap<TArg, TResult>(func, iterable, chunksize, ordered: false);

    public TResult Apply<TResult>(Delegate func, params object?[] args) => ApplyAsync<TResult>(func, args).Get();

    public AsyncResult<TResult> ApplyAsync<TResult>(Delegate func, object?[]? args = null,
        Action<TResult>? callback = null, Action<Exception>? errorCallback = null)
    {
        ArgumentNullException.ThrowIfNull(func);
        _supervisor.CheckRunning();
        var target = TargetMethod.From(func);
        CheckRunnable(target);
        var bound = TargetBinder.Bind(func.Method, args ?? []);
        var result = new AsyncResult<TResult>(callback, errorCallback);
        var job = new ApplyJob<TResult>(target.DisplayName, result);
        _supervisor.Submit([MakeChunk(job, 0, target, star: true, new List<object?> { bound })]);
        return result;
    }

    /// <summary>No more submissions; the workers exit once the pending work is done (CPython's close()).</summary>
    public void Close() => _supervisor.Close();

    /// <summary>Kills the workers now; pending results fail with <see cref="PoolStateError"/>. Returns once the
    /// workers are reaped (bounded: SIGKILL cannot be ignored).</summary>
    public void Terminate()
    {
        _supervisor.Terminate();
        if (!_supervisor.IsSupervisorThread) _supervisor.Join(TimeSpan.FromSeconds(30));
    }

    /// <summary>Waits for the workers to exit, after Close or Terminate (CPython's join()). True if all were reaped in time.</summary>
    public bool Join(TimeSpan? timeout = null)
    {
        if (!_supervisor.IsClosed) throw new PoolStateError("Pool is still running");
        return _supervisor.Join(timeout);
    }

    /// <summary>Terminate, like leaving CPython's <c>with Pool() as p:</c> block.</summary>
    public void Dispose() => Terminate();

    /// <param name="func">A Func&lt;TArg, TResult&gt; or a Func&lt;TArg, Task&lt;TResult&gt;&gt;.</param>
    private AsyncResult<List<TResult>> SubmitMap<TArg, TResult>(Delegate func, IEnumerable<TArg> iterable, int? chunksize,
        Action<List<TResult>>? callback, Action<Exception>? errorCallback)
    {
        ArgumentNullException.ThrowIfNull(iterable);
        if (TypedChunks.IsPrimitive(typeof(TArg)))
        {
            var all = iterable as TArg[] ?? iterable.ToArray();
            return SubmitMap<TResult>(func, all.Length, (start, count) => TypedChunks.Slice(all, start, count), star: false, chunksize, callback, errorCallback);
        }
        var items = iterable.Select(x => (object?)x).ToList();
        return SubmitMap<TResult>(func, items.Count, (start, count) => items.GetRange(start, count), star: false, chunksize, callback, errorCallback);
    }

    /// <param name="slice">The items of one chunk (start, count) as the Task frame carries them.</param>
    private AsyncResult<List<TResult>> SubmitMap<TResult>(Delegate func, int length, Func<int, int, object> slice, bool star, int? chunksize,
        Action<List<TResult>>? callback, Action<Exception>? errorCallback)
    {
        ArgumentNullException.ThrowIfNull(func);
        _supervisor.CheckRunning();
        var target = TargetMethod.From(func);
        CheckRunnable(target);
        var size = Chunking.Resolve(chunksize, length, Processes);
        var result = new AsyncResult<List<TResult>>(callback, errorCallback);
        if (length == 0)
        {
            result.Complete([]);
            return result;
        }
        var job = new MapJob<TResult>((length + size - 1) / size, length, size, target.DisplayName, result);
        _supervisor.Submit(Split(job, target, star, length, slice, size));
        return result;
    }

    private IMapIterator<TResult> SubmitIMap<TArg, TResult>(Delegate func, IEnumerable<TArg> iterable, int chunksize, bool ordered)
    {
        ArgumentNullException.ThrowIfNull(func);
        ArgumentNullException.ThrowIfNull(iterable);
        _supervisor.CheckRunning();
        var target = TargetMethod.From(func);
        CheckRunnable(target);
        var size = Chunking.Resolve(chunksize, 0, Processes);
        // The input is read at once (CPython feeds it lazily from a thread; see README.md).
        int length;
        Func<int, int, object> slice;
        if (TypedChunks.IsPrimitive(typeof(TArg)))
        {
            var all = iterable as TArg[] ?? iterable.ToArray();
            (length, slice) = (all.Length, (start, count) => TypedChunks.Slice(all, start, count));
        }
        else
        {
            var items = iterable.Select(x => (object?)x).ToList();
            (length, slice) = (items.Count, (start, count) => items.GetRange(start, count));
        }
        if (length == 0) return new IMapIterator<TResult>(null);
        var job = new IMapJob<TResult>((length + size - 1) / size, ordered, target.DisplayName);
        _supervisor.Submit(Split(job, target, star: false, length, slice, size));
        return new IMapIterator<TResult>(job);
    }

    private List<Chunk> Split(Job job, TargetMethod target, bool star, int length, Func<int, int, object> slice, int size)
    {
        var chunks = new List<Chunk>(job.Chunks);
        for (var i = 0; i < job.Chunks; i++)
            chunks.Add(MakeChunk(job, i, target, star, slice(i * size, Math.Min(size, length - i * size))));
        return chunks;
    }

    internal Chunk MakeChunk(Job job, int index, TargetMethod target, bool star, object items)
    {
        int key;
        lock (_functionKeys)
        {
            if (!_functionKeys.TryGetValue(target, out key)) _functionKeys[target] = key = _functionKeys.Count;
        }
        var id = Interlocked.Increment(ref _nextChunkId);
        return new Chunk(job, index, id, key, target, PoolProtocol.EncodeTask(id, key, star, items));
    }
}
