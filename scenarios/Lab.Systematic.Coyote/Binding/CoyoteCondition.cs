using Lab.Systematic.Seam;
using Microsoft.Coyote.Runtime;

namespace Lab.Systematic.Coyote.Binding;

/// <summary>
/// A seam condition built as CPython builds <c>threading.Condition</c> (Lib/threading.py): each waiter parks on a
/// fresh semaphore of its own, queued in arrival order; Notify releases the oldest waiters' semaphores. The waiter
/// queue is touched only by the running operation (Coyote runs one at a time), so it needs no lock of its own.
/// </summary>
internal sealed class CoyoteCondition(CoyoteLock @lock, string name) : ISeamCondition
{
    private readonly Queue<SemaphoreSlim> waiters = new();

    public void Wait()
    {
        SchedulingPoint.Interleave();
        RequireOwner("wait on");
        var waiter = new SemaphoreSlim(0, 1);
        waiters.Enqueue(waiter);
        @lock.ReleaseWithoutSchedulingPoint();
        waiter.Wait();
        @lock.Acquire();
    }

    public void Notify(int count = 1)
    {
        SchedulingPoint.Interleave();
        RequireOwner("notify");
        for (var i = 0; i < count && waiters.Count > 0; i++) waiters.Dequeue().Release();
    }

    public void NotifyAll() => Notify(int.MaxValue);

    private void RequireOwner(string what)
    {
        if (@lock.Owner != CoyoteOperation.Current)
            throw new SynchronizationLockException($"cannot {what} condition '{name}' without holding lock '{@lock.Name}'");
    }
}
