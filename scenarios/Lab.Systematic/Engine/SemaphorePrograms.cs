using Lab.Engine.Synchronization;
using Lab.Systematic.Runtime;

namespace Lab.Systematic.Engine;

/// <summary>ProcessSemaphore and ProcessBoundedSemaphore under the controlled scheduler: the value bounds how many
/// threads are inside, and a bounded semaphore refuses a release above its bound (semaphore.c's check).</summary>
internal static class SemaphorePrograms
{
    public static void SemaphoreBound(ControlledRuntime rt)
    {
        using var semaphore = new ProcessSemaphore(2);
        var inside = 0;
        void Worker()
        {
            semaphore.Acquire();
            rt.Assert(++inside <= 2, $"{inside} threads inside a ProcessSemaphore(2)");
            rt.Yield();
            inside--;
            semaphore.Release();
        }
        var workers = new[] { rt.Spawn(Worker, "worker-1"), rt.Spawn(Worker, "worker-2"), rt.Spawn(Worker, "worker-3") };
        foreach (var worker in workers) worker.Join();
        rt.Assert(semaphore.Value == 2, $"the semaphore's value is {semaphore.Value} after balanced use, expected 2");
    }

    public static void BoundedSemaphore(ControlledRuntime rt)
    {
        using var semaphore = new ProcessBoundedSemaphore(1);
        var inside = 0;
        void Worker()
        {
            semaphore.Acquire();
            rt.Assert(++inside == 1, "two threads inside a ProcessBoundedSemaphore(1)");
            rt.Yield();
            inside--;
            semaphore.Release();
        }
        var workers = new[] { rt.Spawn(Worker, "worker-1"), rt.Spawn(Worker, "worker-2") };
        foreach (var worker in workers) worker.Join();
        var refused = false;
        try
        {
            semaphore.Release();
        }
        catch (SynchronizationError)
        {
            refused = true;
        }
        rt.Assert(refused, "a release above the bound did not raise");
        rt.Assert(semaphore.Value == 1, $"the bounded semaphore's value is {semaphore.Value}, expected 1");
    }
}
