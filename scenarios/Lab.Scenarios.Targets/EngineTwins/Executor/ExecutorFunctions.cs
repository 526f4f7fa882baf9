using Lab.Engine;
using Lab.Engine.Synchronization;

namespace Lab.Scenarios.EngineTwins.Executor;

/// <summary>What the executor twins' workers run besides the pool's fixed set (PoolFunctions: Square, Raise13,
/// GetPid); the same as scenarios/cpython/twins/executor_functions.py. The events reach the workers through the
/// initializer's arguments.</summary>
public static class ExecutorFunctions
{
    private static ProcessEvent? _started;
    private static ProcessEvent? _release;

    [ProcessTarget]
    public static void KeepEvents(ProcessEvent started, ProcessEvent release) => (_started, _release) = (started, release);

    /// <summary>Sets <c>started</c>, then waits (bounded) until the parent sets <c>release</c>.</summary>
    [ProcessTarget]
    public static int Block(int x)
    {
        _started!.Set();
        _release!.Wait(TimeSpan.FromSeconds(120));
        return x;
    }

    /// <summary>Sets <c>started</c>, then sleeps (bounded): the parent kills this worker.</summary>
    [ProcessTarget]
    public static int StartThenSleep(int x)
    {
        _started!.Set();
        Thread.Sleep(TimeSpan.FromSeconds(120));
        return x;
    }
}
