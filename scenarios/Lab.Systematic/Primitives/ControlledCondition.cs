using Lab.Systematic.Runtime;
using Lab.Systematic.Seam;

namespace Lab.Systematic.Primitives;

/// <summary>
/// A condition variable over a <see cref="ControlledLock"/> (monitor wait/notify), with CPython's
/// <c>threading.Condition</c> rules: Wait and Notify require the lock to be held by the caller
/// (<see cref="SynchronizationLockException"/> otherwise); Wait releases the lock and starts waiting atomically, and
/// reacquires it before returning; Notify wakes the longest waiter (CPython keeps a FIFO of waiters). There are no
/// spurious wake-ups; a woken waiter competes for the lock like anyone else, which is where an <c>if</c> instead of a
/// <c>while</c> around Wait goes wrong.
/// </summary>
public sealed class ControlledCondition(ControlledRuntime runtime, ControlledLock @lock, string name = "condition") : IControlledResource, ISeamCondition
{
    private readonly List<ControlledOperation> waiters = [];

    public string Name { get; } = name;

    public ControlledLock Lock { get; } = @lock;

    public void Wait()
    {
        runtime.SchedulingPoint(SchedulingPointKind.Wait);
        var me = runtime.CurrentOperation;
        RequireOwner(me, "wait on");
        waiters.Add(me);
        Lock.ReleaseWithoutSchedulingPoint();
        while (waiters.Contains(me)) runtime.BlockOn(this, SchedulingPointKind.Wait);
        Lock.Acquire();
    }

    public void Notify(int count = 1)
    {
        runtime.SchedulingPoint(SchedulingPointKind.Notify);
        RequireOwner(runtime.CurrentOperation, "notify");
        for (var i = 0; i < count && waiters.Count > 0; i++)
        {
            var woken = waiters[0];
            waiters.RemoveAt(0);
            runtime.Wake(woken);
        }
    }

    public void NotifyAll() => Notify(int.MaxValue);

    public string DescribeWait() => $"condition '{Name}' to be notified";

    private void RequireOwner(ControlledOperation me, string what)
    {
        if (Lock.Owner != me) throw new SynchronizationLockException($"cannot {what} condition '{Name}' without holding lock '{Lock.Name}'");
    }
}
