using Lab.Engine.Synchronization;
using Lab.Systematic.Runtime;

namespace Lab.Systematic.Engine;

/// <summary>ProcessLock and ProcessRLock under the controlled scheduler. The counter is a plain field touched only inside
/// the lock: the Yield between its read and its write is where a broken lock would let the other thread in.</summary>
internal static class LockPrograms
{
    public static void MutualExclusion(ControlledRuntime rt)
    {
        using var @lock = new ProcessLock();
        var counter = 0;
        var inside = 0;
        void Worker()
        {
            @lock.Acquire();
            rt.Assert(++inside == 1, "two threads inside a ProcessLock at once");
            var seen = counter;
            rt.Yield();
            counter = seen + 1;
            inside--;
            @lock.Release();
        }
        var workers = new[] { rt.Spawn(Worker, "worker-1"), rt.Spawn(Worker, "worker-2") };
        foreach (var worker in workers) worker.Join();
        rt.Assert(counter == 2, $"an increment under the lock was lost: counter is {counter}, expected 2");
        rt.Assert(!@lock.IsLocked, "the lock is still held after both workers released it");
    }

    public static void Reentrancy(ControlledRuntime rt)
    {
        using var @lock = new ProcessRLock();
        var counter = 0;
        var inside = 0;
        void Worker()
        {
            @lock.Acquire();
            @lock.Acquire();
            rt.Assert(++inside == 1, "two threads inside a ProcessRLock at once");
            var seen = counter;
            rt.Yield();
            counter = seen + 1;
            inside--;
            @lock.Release();
            rt.Assert(@lock.IsOwnedByCurrentThread, "releasing one of two levels gave the RLock up");
            @lock.Release();
            rt.Assert(!@lock.IsOwnedByCurrentThread, "the RLock is still owned after its last level was released");
        }
        var workers = new[] { rt.Spawn(Worker, "worker-1"), rt.Spawn(Worker, "worker-2") };
        foreach (var worker in workers) worker.Join();
        rt.Assert(counter == 2, $"an increment under the RLock was lost: counter is {counter}, expected 2");
        var refused = false;
        try
        {
            @lock.Release();
        }
        catch (SynchronizationError)
        {
            refused = true;
        }
        rt.Assert(refused, "releasing an RLock this thread does not hold did not raise");
    }
}
