using Lab.Engine.Interop;
using Lab.Engine.Processes;

namespace Lab.Engine.Forking;

/// <summary>
/// The server's loop: one thread reads the parent's start requests; one thread per worker waits for its "ready"
/// and then for its exit; a replenisher thread keeps the stock full. Everything sent to the parent goes under
/// <see cref="_gate"/>, and a child is marked handed-over under the same lock as its "started" reply is sent, so
/// the parent always sees "started" for a pid before its "exit".
/// </summary>
internal sealed class Server(Packets parent, int idleWorkers, string[] preload)
{
    /// <summary>Workers that die before they are ready, in a row, before the server stops replacing them (a
    /// broken worker must not turn the server into a fork bomb).</summary>
    private const int MaxEarlyDeaths = 5;

    /// <summary>A worker still booting takes its job once ready; one that needs longer is treated as broken.</summary>
    private static readonly TimeSpan TakeTimeout = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly List<WorkerHandle> _idle = [];
    private readonly List<long> _stockWaiters = [];
    private readonly SemaphoreSlim _replenish = new(0);
    private int _earlyDeaths;
    private volatile bool _stopping;

    public int Serve()
    {
        var first = Enumerable.Range(0, idleWorkers).Select(_ => SpawnWorker()).ToList();
        foreach (var worker in first)
            if (!worker.Ready.Wait(TimeSpan.FromSeconds(45)) || worker.Exited) // below the parent's 60 s StartTimeout
            {
                lock (_gate) parent.Send(Packets.Message("error", ("error", $"a pre-started worker (pid {worker.Pid}) did not get ready; see its stderr")));
                return 4;
            }
        lock (_gate) parent.Send(Packets.Message("ready"));
        new Thread(Replenish, maxStackSize: 256 * 1024) { IsBackground = true, Name = "lab-forkserver-replenish" }.Start();

        var descriptors = new List<int>();
        try
        {
            while (true)
            {
                var request = parent.Receive(descriptors);
                if (request is null) return 0;
                if (request["op"] is "start") HandleStart((long)request["id"]!, descriptors);
                else if (request["op"] is "stocked") AnswerWhenStocked((long)request["id"]!);
                foreach (var fd in descriptors) Libc.close(fd);
                descriptors.Clear();
            }
        }
        finally
        {
            // Idle workers die through PR_SET_PDEATHSIG when this process exits; handed-over children go on.
            _stopping = true;
        }
    }

    private void HandleStart(long id, List<int> descriptors)
    {
        if (descriptors.Count < ForkServerLauncher.FixedDescriptors)
        {
            lock (_gate) parent.Send(Packets.Message("failed", ("id", id), ("error", $"a start request needs at least {ForkServerLauncher.FixedDescriptors} descriptors, got {descriptors.Count}")));
            return;
        }
        string? lastError = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var worker = TakeIdle() ?? SpawnWorker(idle: false);
            _replenish.Release();
            lock (_gate) worker.JobSent = true;
            var errno = worker.Socket.Send(Packets.Message("job"), descriptors.ToArray());
            if (errno != 0)
                lastError = $"handing the job to worker {worker.Pid} failed: {Libc.Describe(errno)}";
            else if (!worker.Taken.Wait(TakeTimeout))
                lastError = $"worker {worker.Pid} did not take the job within {TakeTimeout}";
            else
            {
                lock (_gate)
                {
                    if (!worker.Exited || worker.TookJob)
                    {
                        // The reply and a status that arrived before it go out under one lock: "started" first.
                        worker.HandedOver = true;
                        parent.Send(Packets.Message("started", ("id", id), ("pid", worker.Pid)));
                        if (worker.Status is { } status) parent.Send(Packets.Message("exit", ("pid", worker.Pid), ("status", status)));
                        return;
                    }
                }
                lastError = $"worker {worker.Pid} died before it took the job";
            }
            Libc.kill(worker.Pid, Libc.SIGKILL);
        }
        lock (_gate) parent.Send(Packets.Message("failed", ("id", id), ("error", lastError)));
    }

    /// <summary>"stocked": answered once every idle slot holds a ready worker (at once if it already does), so a
    /// parent can measure or rely on a warm start (ForkServer.WaitUntilStocked).</summary>
    private void AnswerWhenStocked(long id)
    {
        lock (_gate)
        {
            _stockWaiters.Add(id);
            AnswerStockWaiters();
        }
    }

    /// <summary>Under _gate.</summary>
    private void AnswerStockWaiters()
    {
        if (_stockWaiters.Count == 0 || _idle.Count(w => w.Ready.IsSet && !w.Exited) < idleWorkers) return;
        foreach (var id in _stockWaiters) parent.Send(Packets.Message("stocked", ("id", id)));
        _stockWaiters.Clear();
    }

    /// <summary>A ready worker if there is one (its runtime is up and warm), else the oldest one still booting
    /// (the job waits in its socket), else null.</summary>
    private WorkerHandle? TakeIdle()
    {
        lock (_gate)
        {
            var worker = _idle.FirstOrDefault(w => w.Ready.IsSet && !w.Exited) ?? _idle.FirstOrDefault(w => !w.Exited);
            if (worker is not null) _idle.Remove(worker);
            return worker;
        }
    }

    private void Replenish()
    {
        while (!_stopping)
        {
            _replenish.Wait();
            while (!_stopping)
            {
                lock (_gate)
                    if (_idle.Count >= idleWorkers || _earlyDeaths >= MaxEarlyDeaths) break;
                SpawnWorker();
            }
        }
    }

    private WorkerHandle SpawnWorker(bool idle = true)
    {
        var (mine, theirs) = Libc.SeqPacketPair();
        mine = UnixPipe.AboveLowRange(mine);
        theirs = UnixPipe.AboveLowRange(theirs);
        string[] argv = [.. WorkerLocator.WorkerCommand, "--forkserver-worker", Environment.ProcessId.ToString(), .. preload];
        int pid;
        try
        {
            // fd 4 holds /dev/null until the job's control pipe replaces it: the worker's runtime must not take 3 or 4.
            pid = ChildSpawner.Spawn(new SpawnRequest(argv, WorkerLocator.Environment,
                [(DevNull.Descriptor, 0), (theirs, ControlProtocol.ChildInFd), (DevNull.Descriptor, ControlProtocol.ChildOutFd)]));
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
        var worker = new WorkerHandle(pid, new Packets(mine));
        if (idle) lock (_gate) _idle.Add(worker);
        new Thread(() => Watch(worker), maxStackSize: 256 * 1024) { IsBackground = true, Name = $"lab-forkserver-worker-{pid}" }.Start();
        return worker;
    }

    /// <summary>Reads the worker's "ready" and "taken" (then end-of-stream: the job replaced its socket), reaps it,
    /// and reports its status if the parent knows it; an idle worker that died is replaced.</summary>
    private void Watch(WorkerHandle worker)
    {
        try
        {
            while (worker.Socket.Receive([]) is { } message)
            {
                if (message["op"] is "ready")
                {
                    lock (_gate)
                    {
                        _earlyDeaths = 0;
                        worker.Ready.Set();
                        AnswerStockWaiters();
                    }
                }
                else if (message["op"] is "taken")
                {
                    lock (_gate) worker.TookJob = true;
                    worker.Taken.Set();
                }
            }
        }
        catch (Exception e) when (e is IOException or Serialization.ChannelFormatError) { }
        int rc, status;
        do rc = Libc.wait4(worker.Pid, out status, 0, out _);
        while (rc < 0 && Libc.LastErrno == Libc.EINTR);
        worker.Socket.Dispose();
        bool replace;
        lock (_gate)
        {
            worker.Exited = true;
            // A status we could not collect (ECHILD: not expected, nothing else reaps here) reads as exit 255.
            worker.Status = rc == worker.Pid ? status : 255 << 8;
            if (worker.HandedOver) parent.Send(Packets.Message("exit", ("pid", worker.Pid), ("status", worker.Status)));
            replace = !worker.JobSent;
            if (replace)
            {
                _idle.Remove(worker);
                _earlyDeaths++;
            }
        }
        worker.Ready.Set();
        worker.Taken.Set();
        if (replace && !_stopping) _replenish.Release();
    }

    private sealed class WorkerHandle(int pid, Packets socket)
    {
        public int Pid { get; } = pid;
        public Packets Socket { get; } = socket;
        public ManualResetEventSlim Ready { get; } = new(false);
        public ManualResetEventSlim Taken { get; } = new(false);
        public bool JobSent { get; set; }
        public bool TookJob { get; set; }
        public bool HandedOver { get; set; }
        public bool Exited { get; set; }
        public int? Status { get; set; }
    }
}
