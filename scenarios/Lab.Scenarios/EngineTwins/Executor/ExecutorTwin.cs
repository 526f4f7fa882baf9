using Lab.Engine;
using Lab.Engine.Synchronization;
using Lab.Scenarios.EngineTwins.Pool;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.EngineTwins.Executor;

/// <summary>
/// Base of the engine's executor twins: the vocabulary and helpers of the pool twins (<see cref="PoolTwin"/>), plus
/// an executor whose one worker can be held in a task until released. Every executor is disposed (Shutdown(wait:
/// true)) after its blocked worker is released, so no twin leaves a worker behind; every wait is bounded by the budget.
/// </summary>
public abstract class ExecutorTwin : PoolTwin
{
    /// <summary>A task's result within the budget: false (a hang) if it does not end in time; its exception is raised.</summary>
    protected static bool TryResult<T>(Task<T> task, TimeSpan budget, out T value)
    {
        value = default!;
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(budget)) return false;
        value = task.GetAwaiter().GetResult();
        return true;
    }

    /// <summary>One worker, with the events ExecutorFunctions.Block and StartThenSleep use.</summary>
    protected sealed class Blocking : IDisposable
    {
        public Blocking(ProcessContext context)
        {
            Executor = new ProcessPoolExecutor(1, context, (Action<ProcessEvent, ProcessEvent>)ExecutorFunctions.KeepEvents, [Started, Release]);
        }

        public ProcessEvent Started { get; } = new();
        public ProcessEvent Release { get; } = new();
        public ProcessPoolExecutor Executor { get; }

        public void Dispose()
        {
            Release.Set();
            Executor.Dispose();
            Started.Dispose();
            Release.Dispose();
        }
    }
}
