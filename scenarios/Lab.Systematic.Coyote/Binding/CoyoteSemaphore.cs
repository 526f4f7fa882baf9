using Lab.Systematic.Seam;
using Microsoft.Coyote.Runtime;

namespace Lab.Systematic.Coyote.Binding;

/// <summary>A seam semaphore as a <see cref="SemaphoreSlim"/>; with a bound, releasing above it throws
/// <see cref="SemaphoreFullException"/> (SemaphoreSlim's own rule, and our <c>ControlledSemaphore</c>'s).</summary>
internal sealed class CoyoteSemaphore : ISeamSemaphore
{
    private readonly SemaphoreSlim semaphore;
    private readonly string name;

    public CoyoteSemaphore(int initialCount, int? maxCount, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCount);
        if (maxCount < initialCount) throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, "below the initial count");
        semaphore = new SemaphoreSlim(initialCount, maxCount ?? int.MaxValue);
        this.name = name;
    }

    public void Acquire()
    {
        SchedulingPoint.Interleave();
        semaphore.Wait();
    }

    public void Release()
    {
        SchedulingPoint.Interleave();
        try
        {
            semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            throw new SemaphoreFullException($"semaphore '{name}' released too many times");
        }
    }
}
