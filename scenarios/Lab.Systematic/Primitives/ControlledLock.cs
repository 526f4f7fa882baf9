using Lab.Systematic.Runtime;
using Lab.Systematic.Seam;

namespace Lab.Systematic.Primitives;

/// <summary>
/// A non-reentrant mutex under the controlled scheduler, with the semantics of CPython's <c>threading.Lock</c> and the
/// engine's ProcessLock: acquiring a lock you hold blocks forever (a deadlock the scheduler reports), any operation may
/// release it, and releasing an unlocked lock throws <see cref="SynchronizationLockException"/> (CPython: RuntimeError).
/// Acquire and Release are scheduling points; a blocked acquirer re-checks when woken, so the strategy decides which
/// waiter wins.
/// </summary>
public sealed class ControlledLock(ControlledRuntime runtime, string name = "lock") : IControlledResource, ISeamLock
{
    public string Name { get; } = name;

    /// <summary>The holder, or null. Reading it is not a scheduling point (it is for conditions and reports).</summary>
    public ControlledOperation? Owner { get; private set; }

    public void Acquire()
    {
        runtime.SchedulingPoint(SchedulingPointKind.Acquire);
        while (Owner is not null) runtime.BlockOn(this, SchedulingPointKind.Acquire);
        Owner = runtime.CurrentOperation;
    }

    public void Release()
    {
        runtime.SchedulingPoint(SchedulingPointKind.Release);
        ReleaseWithoutSchedulingPoint();
    }

    /// <summary>Release as part of a larger atomic step (a condition wait releases its lock and starts waiting at once).</summary>
    internal void ReleaseWithoutSchedulingPoint()
    {
        if (Owner is null) throw new SynchronizationLockException($"release of the unlocked lock '{Name}'");
        Owner = null;
        runtime.WakeAll(this);
    }

    public string DescribeWait() => $"lock '{Name}'" + (Owner is null ? "" : $" held by {Owner}");
}
