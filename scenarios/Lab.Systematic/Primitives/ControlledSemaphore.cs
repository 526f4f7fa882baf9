using Lab.Systematic.Runtime;
using Lab.Systematic.Seam;

namespace Lab.Systematic.Primitives;

/// <summary>
/// A counting semaphore under the controlled scheduler (CPython's <c>threading.Semaphore</c>; with
/// <paramref name="maxCount"/>, <c>BoundedSemaphore</c>: releasing above the bound throws
/// <see cref="SemaphoreFullException"/>, CPython's ValueError). Acquire and Release are scheduling points.
/// </summary>
public sealed class ControlledSemaphore : IControlledResource, ISeamSemaphore
{
    private readonly ControlledRuntime runtime;

    public ControlledSemaphore(ControlledRuntime runtime, int initialCount, int? maxCount = null, string name = "semaphore")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCount);
        if (maxCount < initialCount) throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, "below the initial count");
        this.runtime = runtime;
        Count = initialCount;
        MaxCount = maxCount;
        Name = name;
    }

    public string Name { get; }

    public int Count { get; private set; }

    public int? MaxCount { get; }

    public void Acquire()
    {
        runtime.SchedulingPoint(SchedulingPointKind.Acquire);
        while (Count == 0) runtime.BlockOn(this, SchedulingPointKind.Acquire);
        Count--;
    }

    public void Release()
    {
        runtime.SchedulingPoint(SchedulingPointKind.Release);
        if (Count >= MaxCount) throw new SemaphoreFullException($"semaphore '{Name}' released too many times (bound {MaxCount})");
        Count++;
        runtime.WakeAll(this);
    }

    public string DescribeWait() => $"semaphore '{Name}' (count {Count})";
}
