using Lab.Engine.Connections;
using Lab.Engine.Interop;
using Lab.Engine.Processes;
using Lab.Engine.Scheduling;
using Lab.Engine.Serialization;

namespace Lab.Engine.Pools;

/// <summary>
/// The one thread that owns the workers: dispatcher, collector and supervisor in a single poll(2) loop (CPython
/// splits these into _handle_workers, _handle_tasks and _handle_results threads, and loses track of which worker
/// holds which task: that is why it hangs when one dies, cpython #96062). Here every chunk sent to a worker sits in
/// that worker's Outstanding queue until its result comes back, so a worker's end of file (its death) tells exactly
/// which results fail. Rules:
/// <list type="bullet">
/// <item>A worker that ends with nothing outstanding (retired after maxTasksPerChild, killed while idle) is replaced.</item>
/// <item>A worker that ends holding chunks, or whose initializer failed, breaks the pool: every pending result fails
/// with <see cref="BrokenPoolError"/>, the other workers are killed, later submissions raise.</item>
/// <item>After Close the loop stops each worker once no work is left, and ends when all are reaped.</item>
/// <item>Terminate kills the workers (SIGKILL), fails what is pending, and ends the loop.</item>
/// </list>
/// All writes to workers are non-blocking (a worker blocked writing results to us can never deadlock with us writing
/// tasks to it), and a worker holds a small window of chunks so that it never waits for the next one.
/// </summary>
internal sealed unsafe class PoolSupervisor
{
    /// <summary>Workers that die while idle before any chunk completes, in a row, before the pool gives up (a worker
    /// that cannot start would otherwise be replaced forever).</summary>
    private const int MaxIdleDeathsInARow = 10;

    private readonly object _gate = new();
    private readonly Queue<Chunk> _incoming = new();
    private readonly Func<(Process, Connection)> _startWorker;
    private readonly int _processes;
    private readonly int? _maxTasksPerChild;
    private readonly SupervisorPolicy _policy;
    private readonly List<WorkerLink> _links = [];
    private readonly Queue<Chunk> _queued = new();
    private readonly HashSet<Job> _live = [];
    private readonly UnixPipe _wake;
    private readonly Thread _thread;
    private readonly string _initializerName;
    private bool _closing, _terminating, _wakeClosed, _cancelQueued;
    private int _idleDeaths;
    private BrokenPoolError? _broken;

    public PoolSupervisor(int processes, int? maxTasksPerChild, string initializerName, Func<(Process, Connection)> startWorker,
        SupervisorPolicy? policy = null)
    {
        _policy = policy ?? SupervisorPolicy.Pool;
        _processes = processes;
        _maxTasksPerChild = maxTasksPerChild;
        _initializerName = initializerName;
        _startWorker = startWorker;
        _wake = UnixPipe.Create();
        foreach (var fd in new[] { _wake.ReadFd, _wake.WriteFd })
            Libc.fcntl(fd, Libc.F_SETFL, Libc.fcntl(fd, Libc.F_GETFL, 0) | Libc.O_NONBLOCK);
        try
        {
            for (var i = 0; i < processes; i++) _links.Add(Start());
        }
        catch
        {
            foreach (var link in _links) Reap(link, kill: true);
            _wake.CloseBoth();
            throw;
        }
        _thread = new Thread(Loop) { IsBackground = true, Name = "lab-pool-supervisor" };
        Running[this] = 0;
        _thread.Start();
    }

    /// <summary>The supervisors whose loop has not ended, for Multiprocessing.ShutdownChildren (a pool's workers must
    /// not be replaced while the group is shut down).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<PoolSupervisor, byte> Running = new();

    public static IReadOnlyList<PoolSupervisor> AllRunning => Running.Keys.ToArray();

    public IReadOnlyList<int> WorkerPids
    {
        get { lock (_links) return _links.Where(l => !l.Gone).Select(l => l.Pid).ToArray(); }
    }

    /// <summary>Raises if the pool cannot take work (CPython's _check_running, plus the broken state).</summary>
    public void CheckRunning()
    {
        lock (_gate) CheckRunningLocked();
    }

    private void CheckRunningLocked()
    {
        if (_closing || _terminating) throw new PoolStateError("Pool not running");
        if (_broken is { } b) throw new BrokenPoolError(b.Pid, b.ExitCode, b.Message);
    }

    public void Submit(IReadOnlyList<Chunk> chunks)
    {
        bool wake;
        lock (_gate)
        {
            CheckRunningLocked();
            // Only the first submission since the loop last drained _incoming needs to wake it: that one's wake comes
            // after its enqueue, so the loop drains everything queued behind it too (one write(2) per burst of
            // submissions, not one per ProcessPoolExecutor.Submit).
            wake = _incoming.Count == 0;
            foreach (var chunk in chunks) _incoming.Enqueue(chunk);
        }
        if (wake) Wake();
    }

    /// <param name="cancelQueued">Also cancel the queued jobs that agree (Job.TryCancel: executor futures not yet
    /// started), as CPython's manager thread does for shutdown(cancel_futures=True) (process.py,
    /// flag_executor_shutting_down). A submission accepted before this call is queued by then, so it is cancelled too.</param>
    public void Close(bool cancelQueued = false)
    {
        lock (_gate)
        {
            _closing = true;
            _cancelQueued |= cancelQueued;
        }
        Wake();
    }

    public void Terminate()
    {
        lock (_gate)
        {
            _closing = true;
            _terminating = true;
        }
        Wake();
    }

    public bool Join(TimeSpan? timeout)
    {
        if (Thread.CurrentThread == _thread)
            throw new PoolStateError("cannot join the pool from one of its own callbacks");
        return timeout is { } t ? _thread.Join(t < TimeSpan.Zero ? TimeSpan.Zero : t) : _thread.Join(Timeout.Infinite);
    }

    public bool IsClosed
    {
        get { lock (_gate) return _closing; }
    }

    public bool IsSupervisorThread => Thread.CurrentThread == _thread;

    /// <summary>Under the gate, so the loop cannot close the pipe between our reading its descriptor and writing to
    /// it (a reused descriptor number would get our byte).</summary>
    private void Wake()
    {
        byte one = 1;
        lock (_gate)
        {
            // EAGAIN: the pipe is full, so the loop is already due to wake.
            if (!_wakeClosed) Libc.write(_wake.WriteFd, &one, 1);
        }
    }

    private WorkerLink Start()
    {
        var (process, channel) = _startWorker();
        return new WorkerLink(process, channel);
    }

    [ThreadStatic] private static bool _onSupervisorThread;

    /// <summary>True on any pool's supervisor thread (where callbacks run).</summary>
    public static bool OnSupervisorThread => _onSupervisorThread;

    private void Loop()
    {
        _onSupervisorThread = true;
        try
        {
            while (true)
            {
                bool closing, terminating, cancelQueued;
                lock (_gate)
                {
                    while (_incoming.TryDequeue(out var chunk))
                    {
                        _queued.Enqueue(chunk);
                        _live.Add(chunk.Job);
                    }
                    closing = _closing;
                    terminating = _terminating;
                    cancelQueued = _cancelQueued;
                    _cancelQueued = false;
                }
                if (cancelQueued) CancelQueued();
                if (terminating)
                {
                    Shutdown(new PoolStateError("the pool was terminated before this task finished"));
                    return;
                }
                if (_broken is { } broken)
                {
                    Shutdown(broken);
                    return;
                }
                Replenish(closing);
                Dispatch();
                if (closing && _queued.Count == 0 && _live.Count == 0)
                {
                    foreach (var link in _links.Where(l => !l.Stopping && !l.Gone))
                    {
                        link.Stopping = true;
                        link.Output.Add(PoolProtocol.StopFrame);
                    }
                    if (_links.Count == 0) return;
                }
                foreach (var link in _links)
                    if (link.Output.Count > 0) link.Flush();
                WaitAndCollect();
            }
        }
        catch (Exception e)
        {
            // A bug in the loop must not leave callers waiting forever: fail everything and kill the workers.
            var error = new BrokenPoolError(-1, null, $"the pool's supervisor failed ({e.GetType().Name}: {e.Message}); the pool is broken");
            lock (_gate) _broken ??= error;
            try { Shutdown(error); }
            catch (Exception) { }
        }
        finally
        {
            lock (_gate)
            {
                _wakeClosed = true;
                _wake.CloseBoth();
            }
            Running.TryRemove(this, out _);
        }
    }

    /// <summary>Cancels every queued job that agrees and forgets its chunks; the others stay queued.</summary>
    private void CancelQueued()
    {
        var kept = new List<Chunk>(_queued.Count);
        foreach (var chunk in _queued)
            if (chunk.Job.TryCancel()) _live.Remove(chunk.Job); // a cancellable job is one chunk (an executor future)
            else kept.Add(chunk);
        _queued.Clear();
        foreach (var chunk in kept) _queued.Enqueue(chunk);
    }

    /// <summary>CPython's _maintain_pool: keep the number of workers while the pool runs.</summary>
    private void Replenish(bool closing)
    {
        if (closing && _queued.Count == 0) return;
        while (_links.Count < _processes)
        {
            var link = Start();
            lock (_links) _links.Add(link);
        }
    }

    private void Dispatch()
    {
        if (_queued.Count == 0) return;
        var ready = _links.Where(l => !l.Retiring && !l.Stopping && !l.Gone).ToList();
        if (ready.Count == 0) return;
        var window = Math.Clamp(_queued.Count / ready.Count + 1, Math.Min(2, _policy.MaxWindow), _policy.MaxWindow);
        // Round-robin one chunk at a time, so the workers fill evenly.
        var progress = true;
        while (_queued.Count > 0 && progress)
        {
            progress = false;
            foreach (var link in ready)
            {
                if (_queued.Count == 0) break;
                if (link.Outstanding.Count >= window) continue;
                if (_maxTasksPerChild is { } max && link.Sent >= max) continue;
                EngineScheduling.Point(EnginePoint.Dispatch);
                if (!TryDequeueStartable(out var chunk)) break;
                if (link.KnownFunctions.Add(chunk.FuncKey))
                    link.Output.Add(PoolProtocol.EncodeFunc(chunk.FuncKey, chunk.Func));
                link.Output.Add(chunk.Frame);
                link.Outstanding.Enqueue(chunk);
                link.Sent++;
                progress = true;
            }
        }
    }

    /// <summary>The next queued chunk whose job agrees to start; a job cancelled while queued (an executor future,
    /// see Job.TryStart) is dropped here, so it never reaches a worker.</summary>
    private bool TryDequeueStartable(out Chunk chunk)
    {
        while (_queued.TryDequeue(out chunk!))
        {
            if (chunk.Job.TryStart()) return true;
            _live.Remove(chunk.Job);
        }
        return false;
    }

    private void WaitAndCollect()
    {
        var count = _links.Count + 1;
        var fds = stackalloc Libc.PollFd[count];
        fds[0] = new Libc.PollFd { Fd = _wake.ReadFd, Events = Libc.POLLIN };
        for (var i = 0; i < _links.Count; i++)
            fds[i + 1] = new Libc.PollFd { Fd = _links[i].Fd, Events = (short)(Libc.POLLIN | (_links[i].Output.Count > 0 ? Libc.POLLOUT : 0)) };
        var rc = Libc.poll(fds, (nuint)count, -1);
        if (rc < 0)
        {
            if (Libc.LastErrno == Libc.EINTR) return;
            throw Libc.Error("poll(pool)", Libc.LastErrno);
        }
        if (fds[0].Revents != 0)
        {
            var drain = stackalloc byte[256];
            while (Libc.read(_wake.ReadFd, drain, 256) > 0) { }
        }
        var gone = new List<WorkerLink>();
        for (var i = 0; i < _links.Count; i++)
        {
            var link = _links[i];
            var revents = fds[i + 1].Revents;
            if (revents == 0) continue;
            if ((revents & Libc.POLLOUT) != 0) link.Flush();
            if ((revents & (Libc.POLLIN | Libc.POLLHUP | Libc.POLLERR)) == 0) continue;
            var open = link.Fill();
            while (link.Input.TryTake(out var frame))
            {
                EngineScheduling.Point(EnginePoint.Collect);
                Handle(link, (object?[])ChannelDecoder.Decode(frame)!);
            }
            if (!open) gone.Add(link);
        }
        foreach (var link in gone) Departed(link);
    }

    private void Handle(WorkerLink link, object?[] message)
    {
        switch ((int)message[0]!)
        {
            case PoolProtocol.Result:
            case PoolProtocol.Error:
            {
                var id = (long)message[1]!;
                if (!link.Outstanding.TryDequeue(out var chunk) || chunk.Id != id)
                    throw new ChannelFormatError($"pool worker {link.Pid} answered chunk {id}, which it was not holding next");
                _idleDeaths = 0;
                var isError = (int)message[0]! == PoolProtocol.Error;
                var done = chunk.Job.Deliver(chunk.Index,
                    isError ? null : (System.Collections.IList)message[2]!,
                    isError ? RemoteExceptions.Rebuild(message, 2, chunk.Func) : null);
                if (done) _live.Remove(chunk.Job);
                break;
            }
            case PoolProtocol.InitFailed:
                link.InitFailure = $"{message[1]} raised {message[2]}: {message[3]}";
                break;
            case PoolProtocol.Goodbye:
                link.Retiring = true;
                break;
            default:
                throw new ChannelFormatError($"pool worker {link.Pid} sent an unknown message kind {message[0]}");
        }
    }

    /// <summary>A worker's channel reached end of file: reap it, then apply the broken-pool rule.</summary>
    private void Departed(WorkerLink link)
    {
        var exitCode = Reap(link, kill: false);
        lock (_links) _links.Remove(link);
        bool terminating;
        lock (_gate) terminating = _terminating;
        if (terminating || _broken is not null) return;
        if (link.InitFailure is not null)
            Break(link, $"the pool's initializer {_initializerName} failed in worker pid {link.Pid} ({BrokenPoolError.Describe(exitCode)}): {link.InitFailure}; the pool is broken (the initializer is not retried)", exitCode);
        else if (link.Outstanding.Count > 0)
            Break(link, $"a pool worker (pid {link.Pid}) died with {BrokenPoolError.Describe(exitCode)} while tasks were pending; the pool is broken", exitCode);
        else if (_policy.AnyAbruptDeathBreaks && !link.Retiring && !link.Stopping)
            Break(link, $"a process pool worker (pid {link.Pid}) terminated abruptly with {BrokenPoolError.Describe(exitCode)}; " +
                "the pool is broken", exitCode);
        else if (!link.Retiring && !link.Stopping && ++_idleDeaths >= MaxIdleDeathsInARow)
            Break(link, $"{MaxIdleDeathsInARow} pool workers in a row died before completing any task (the last, pid {link.Pid}, with {BrokenPoolError.Describe(exitCode)}); the pool is broken", exitCode);
    }

    private void Break(WorkerLink link, string message, int? exitCode)
    {
        lock (_gate) _broken = new BrokenPoolError(link.Pid, exitCode, message);
    }

    /// <summary>Kills every worker, waits for them, fails every pending result with <paramref name="error"/>.</summary>
    private void Shutdown(Exception error)
    {
        lock (_gate)
        {
            while (_incoming.TryDequeue(out var chunk)) _live.Add(chunk.Job);
        }
        foreach (var link in _links) SignalKill(link);
        foreach (var link in _links.ToList())
        {
            Reap(link, kill: true);
            lock (_links) _links.Remove(link);
        }
        foreach (var chunk in _queued) _live.Add(chunk.Job);
        _queued.Clear();
        foreach (var job in _live) job.Abort(error);
        _live.Clear();
    }

    private static void SignalKill(WorkerLink link)
    {
        try { link.Process.Kill(); } catch (ProcessStateError) { }
    }

    /// <summary>Waits for the worker to exit (it has, or is about to: its channel is closed), killing it if it
    /// lingers, and returns its exit code.</summary>
    private static int? Reap(WorkerLink link, bool kill)
    {
        link.Gone = true;
        if (kill) SignalKill(link);
        if (!link.Process.Join(TimeSpan.FromSeconds(10)))
        {
            SignalKill(link);
            link.Process.Join(TimeSpan.FromSeconds(10));
        }
        var code = link.Process.ExitCode;
        link.Channel.Dispose();
        link.Process.Dispose();
        return code;
    }
}
