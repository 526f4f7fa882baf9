using Lab.Systematic.Seam;
using Microsoft.Coyote.Runtime;

namespace Lab.Systematic.Coyote.Binding;

/// <summary>
/// A seam lock as a <see cref="SemaphoreSlim"/> of one: like CPython's <c>threading.Lock</c> (and unlike
/// <c>Monitor</c>) it is not reentrant and any operation may release it. Releasing an unlocked lock throws
/// <see cref="SynchronizationLockException"/>, as our <c>ControlledLock</c> does.
/// </summary>
internal sealed class CoyoteLock(string name) : ISeamLock
{
    private readonly SemaphoreSlim semaphore = new(1, 1);

    public string Name { get; } = name;

    /// <summary>The holder, or null (for conditions, which need the caller to hold their lock).</summary>
    public CoyoteOperation? Owner { get; private set; }

    public void Acquire()
    {
        SchedulingPoint.Interleave();
        semaphore.Wait();
        Owner = CoyoteOperation.Current;
    }

    public void Release()
    {
        SchedulingPoint.Interleave();
        ReleaseWithoutSchedulingPoint();
    }

    /// <summary>Release as part of a condition wait, which releases its lock and starts waiting in one step.</summary>
    internal void ReleaseWithoutSchedulingPoint()
    {
        if (Owner is null) throw new SynchronizationLockException($"release of the unlocked lock '{Name}'");
        Owner = null;
        semaphore.Release();
    }
}
