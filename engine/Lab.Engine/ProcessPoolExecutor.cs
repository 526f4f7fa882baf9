using Lab.Engine.Executors;
using Lab.Engine.Pools;
using Lab.Engine.Targets;

namespace Lab.Engine;

/// <summary>
/// CPython's concurrent.futures.ProcessPoolExecutor (Lib/concurrent/futures/process.py) in .NET form, built on the
/// <see cref="Pool"/> machinery (its supervisor, workers, channel and remote exceptions): Submit returns a Task,
/// Map streams results in input order, Shutdown(wait, cancelFutures), Dispose = Shutdown(wait: true) as leaving
/// <c>with ProcessPoolExecutor()</c>. A task cancelled before it starts is removed (its Task is Canceled); a running
/// one runs to completion. A worker that dies abruptly breaks the executor: every pending and later submission fails
/// with <see cref="BrokenPoolError"/> naming its pid and exit code (CPython's BrokenProcessPool); nothing hangs.
/// Functions are targets: static methods of named classes; lambdas and closures raise InvalidTargetError at Submit,
/// before any child runs them.
/// </summary>
public sealed class ProcessPoolExecutor : IDisposable, IAsyncDisposable
{
    /// <summary>Two chunks in flight per worker: one running, one waiting in its channel, like CPython's call queue
    /// of max_workers + EXTRA_QUEUED_CALLS (= 1) items (process.py); what has not been handed over can be cancelled.</summary>
    private static readonly SupervisorPolicy Policy = new(MaxWindow: 2, AnyAbruptDeathBreaks: true);

    private readonly Pool _pool;
    private volatile bool _shutdown;

    /// <param name="maxWorkers">Default: the processor count (CPython: os.process_cpu_count()).</param>
    /// <param name="context">The start method's context (CPython's mp_context); default: the default context.</param>
    /// <param name="initializer">A static method run once in each worker before its first task, with <paramref name="initArgs"/>.</param>
    /// <param name="maxTasksPerChild">Tasks a worker runs before it is replaced (CPython 3.11's max_tasks_per_child).</param>
    public ProcessPoolExecutor(int? maxWorkers = null, ProcessContext? context = null, Delegate? initializer = null,
        object?[]? initArgs = null, int? maxTasksPerChild = null)
    {
        // CPython's messages (process.py, ProcessPoolExecutor.__init__).
        if (maxWorkers is <= 0) throw new ArgumentOutOfRangeException(nameof(maxWorkers), maxWorkers, "max_workers must be greater than 0");
        if (maxTasksPerChild is < 1)
            throw new ArgumentOutOfRangeException(nameof(maxTasksPerChild), maxTasksPerChild, "max_tasks_per_child must be >= 1");
        _pool = new Pool(maxWorkers, initializer, initArgs, maxTasksPerChild, context, Policy, "ProcessPoolExecutorWorker");
    }

    public int MaxWorkers => _pool.Processes;

    /// <summary>The executable the workers run in (engine/README.md, "Which worker runs a child").</summary>
    public WorkerKind Worker => _pool.Worker;

    /// <summary>The pids of the current workers (they change as maxTasksPerChild retires workers).</summary>
    public IReadOnlyList<int> WorkerPids => _pool.WorkerPids;

    /// <summary>Schedules <paramref name="func"/>(<paramref name="args"/>) on a worker. Cancelling
    /// <paramref name="cancellationToken"/> before the task starts removes it (the Task becomes Canceled).</summary>
    public Task<TResult> Submit<TResult>(Delegate func, object?[]? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(func);
        var target = TargetMethod.From(func);
        _pool.CheckRunnable(target);
        var bound = TargetBinder.Bind(func.Method, args ?? []);
        var what = target.DisplayName;
        var job = NewFuture(values => Job.Cast<TResult>(values[0], what), cancellationToken);
        Enqueue([_pool.MakeChunk(job, 0, target, star: true, new List<object?> { bound })]);
        return job.Task;
    }

    public Task<TResult> Submit<TArg, TResult>(Func<TArg, TResult> func, TArg arg, CancellationToken cancellationToken = default) =>
        Submit<TResult>(func, [arg], cancellationToken);

    /// <summary>Submit of an async function: the worker awaits it.</summary>
    public Task<TResult> Submit<TArg, TResult>(Func<TArg, Task<TResult>> func, TArg arg, CancellationToken cancellationToken = default) =>
        Submit<TResult>(func, [arg], cancellationToken);

    /// <summary>
    /// <paramref name="func"/> over <paramref name="items"/>, results in input order as they complete. The input is
    /// read and every chunk submitted now (CPython's map submits at the call); the results are lazy. A failed chunk
    /// raises at its position; <paramref name="timeout"/> counts from this call and raises TimeoutException when the
    /// next result is not ready in time (CPython: TimeoutError); leaving the iteration early cancels what has not
    /// started.
    /// </summary>
    public IEnumerable<TResult> Map<TArg, TResult>(Func<TArg, TResult> func, IEnumerable<TArg> items, int chunksize = 1,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        SubmitMap<TArg, TResult>(func, items, chunksize, timeout, cancellationToken).Blocking();

    /// <summary>Map of an async function: each item is awaited in its worker.</summary>
    public IEnumerable<TResult> Map<TArg, TResult>(Func<TArg, Task<TResult>> func, IEnumerable<TArg> items, int chunksize = 1,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        SubmitMap<TArg, TResult>(func, items, chunksize, timeout, cancellationToken).Blocking();

    /// <summary>Map whose results stream asynchronously, in input order.</summary>
    public IAsyncEnumerable<TResult> MapAsync<TArg, TResult>(Func<TArg, TResult> func, IEnumerable<TArg> items, int chunksize = 1,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        SubmitMap<TArg, TResult>(func, items, chunksize, timeout, cancellationToken).Streaming();

    /// <summary>MapAsync of an async function: each item is awaited in its worker.</summary>
    public IAsyncEnumerable<TResult> MapAsync<TArg, TResult>(Func<TArg, Task<TResult>> func, IEnumerable<TArg> items, int chunksize = 1,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        SubmitMap<TArg, TResult>(func, items, chunksize, timeout, cancellationToken).Streaming();

    /// <summary>
    /// No more submissions. <paramref name="cancelFutures"/>: the tasks not yet started are cancelled (CPython 3.9's
    /// cancel_futures). <paramref name="wait"/>: returns once the pending tasks have finished and the workers have
    /// exited; otherwise they finish in the background. Idempotent.
    /// </summary>
    public void Shutdown(bool wait = true, bool cancelFutures = false)
    {
        _shutdown = true;
        // The supervisor cancels what is still queued, as CPython's manager thread does (process.py,
        // flag_executor_shutting_down): a Submit accepted before Close is queued by then, a later one is refused.
        _pool.Supervisor.Close(cancelQueued: cancelFutures);
        if (wait && !_pool.Supervisor.IsSupervisorThread) _pool.Supervisor.Join(null);
    }

    /// <summary>Shutdown(wait: true), like leaving <c>with ProcessPoolExecutor() as ex:</c>.</summary>
    public void Dispose() => Shutdown(wait: true);

    public ValueTask DisposeAsync() => new(Task.Run(() => Shutdown(wait: true)));

    private MapResults<TResult> SubmitMap<TArg, TResult>(Delegate func, IEnumerable<TArg> items, int chunksize, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(func);
        ArgumentNullException.ThrowIfNull(items);
        // CPython (process.py, ProcessPoolExecutor.map): "if chunksize < 1: raise ValueError("chunksize must be >= 1.")".
        if (chunksize < 1) throw new ArgumentOutOfRangeException(nameof(chunksize), chunksize, "chunksize must be >= 1.");
        var target = TargetMethod.From(func);
        _pool.CheckRunnable(target);
        var what = target.DisplayName;
        var all = items as TArg[] ?? items.ToArray();
        var typed = TypedChunks.IsPrimitive(typeof(TArg));
        var submissions = new List<Chunk>((all.Length + chunksize - 1) / chunksize);
        var futures = new List<FutureJob<TResult[]>>(submissions.Capacity);
        for (var start = 0; start < all.Length; start += chunksize)
        {
            var count = Math.Min(chunksize, all.Length - start);
            var job = NewFuture(values => ChunkValues<TResult>(values, what), cancellationToken);
            // The typed path (TypedChunks) ships int/long/double chunks as one array; other types as a list of values.
            var slice = typed ? TypedChunks.Slice(all, start, count) : all.Skip(start).Take(count).Select(x => (object?)x).ToList();
            submissions.Add(_pool.MakeChunk(job, 0, target, star: false, slice));
            futures.Add(job);
        }
        Enqueue(submissions);
        return new MapResults<TResult>(futures, timeout, cancellationToken);
    }

    private static TResult[] ChunkValues<TResult>(System.Collections.IList values, string what)
    {
        if (values is TResult[] typed) return typed;
        var result = new TResult[values.Count];
        for (var i = 0; i < result.Length; i++) result[i] = Job.Cast<TResult>(values[i], what);
        return result;
    }

    private static FutureJob<T> NewFuture<T>(Func<System.Collections.IList, T> convert, CancellationToken token)
    {
        var job = new FutureJob<T>(convert);
        job.Observe(token);
        return job;
    }

    /// <summary>Hands the chunks to the supervisor: refused after Shutdown (CPython's RuntimeError), or with
    /// BrokenPoolError once a worker died (CPython's BrokenProcessPool at submit).</summary>
    private void Enqueue(List<Chunk> chunks)
    {
        const string Refused = "cannot schedule new futures after shutdown";
        if (_shutdown) throw new PoolStateError(Refused);
        try
        {
            _pool.Supervisor.Submit(chunks);
        }
        catch (PoolStateError)
        {
            // The supervisor is closed only by Shutdown: the executor's words.
            throw new PoolStateError(Refused);
        }
    }
}
