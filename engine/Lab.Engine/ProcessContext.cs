using Lab.Engine.Processes;

namespace Lab.Engine;

/// <summary>The analogue of a multiprocessing context: a start method, the worker its children run in (an engine
/// addition, issue #11), and the factory of processes that use them.</summary>
public sealed class ProcessContext
{
    private static readonly ProcessContext[] All =
        [.. from m in new[] { StartMethod.Spawn, StartMethod.ForkServer } from w in Enum.GetValues<WorkerChoice>() select new ProcessContext(m, w)];

    private ProcessContext(StartMethod method, WorkerChoice worker) => (StartMethod, Worker) = (method, worker);

    internal static ProcessContext For(StartMethod method, WorkerChoice worker) => All.Single(c => c.StartMethod == method && c.Worker == worker);

    public StartMethod StartMethod { get; }

    /// <summary>Which worker this context's children get (engine/README.md, "Which worker runs a child").</summary>
    public WorkerChoice Worker { get; }

    /// <summary>The same start method with children on <paramref name="worker"/>.</summary>
    public ProcessContext WithWorker(WorkerChoice worker) => For(StartMethod, worker);

    public Process Process(Delegate target, object?[]? args = null, string? name = null, bool daemon = false, ProcessOutput output = ProcessOutput.Inherit)
        => new(target, args, name, daemon, output, this);

    /// <summary>CPython's ctx.Pool(): a pool whose workers are started with this context's start method.</summary>
    public Pool Pool(int? processes = null, Delegate? initializer = null, object?[]? initArgs = null, int? maxTasksPerChild = null)
        => new(processes, initializer, initArgs, maxTasksPerChild, this);

    // CPython's context factories (ctx.Pipe(), ctx.Queue(), ctx.Lock(), ...). The objects do not depend on the start
    // method here (every engine child inherits them the same way); the factories keep code written for CPython familiar.

    public (Connections.Connection First, Connections.Connection Second) Pipe(bool duplex = true) => Connections.Pipe.Create(duplex);

    public Queues.ProcessQueue Queue(int maxsize = 0) => new(maxsize);

    public Queues.JoinableQueue JoinableQueue(int maxsize = 0) => new(maxsize);

    public Queues.SimpleQueue SimpleQueue() => new();

    public Synchronization.ProcessLock Lock() => new();

    public Synchronization.ProcessRLock RLock() => new();

    public Synchronization.ProcessSemaphore Semaphore(int value = 1) => new(value);

    public Synchronization.ProcessBoundedSemaphore BoundedSemaphore(int value = 1) => new(value);

    public Synchronization.ProcessEvent Event() => new();

    public Synchronization.ProcessCondition Condition() => new();

    public Synchronization.ProcessBarrier Barrier(int parties, Delegate? action = null, TimeSpan? timeout = null) => new(parties, action, timeout);

    public SharedMemory.SharedValue<T> Value<T>(T value = default, bool synchronized = true) where T : unmanaged => new(value, synchronized);

    public SharedMemory.SharedArray<T> Array<T>(int length, bool synchronized = true) where T : unmanaged => new(length, synchronized);
}
