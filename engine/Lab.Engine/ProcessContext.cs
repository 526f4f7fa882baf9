using Lab.Engine.Processes;

namespace Lab.Engine;

/// <summary>The analogue of a multiprocessing context: a start method and the factory of processes that use it.</summary>
public sealed class ProcessContext
{
    internal static readonly ProcessContext Spawn = new(StartMethod.Spawn);
    internal static readonly ProcessContext ForkServer = new(StartMethod.ForkServer);

    private ProcessContext(StartMethod method) => StartMethod = method;

    public StartMethod StartMethod { get; }

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
